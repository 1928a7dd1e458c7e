"""How untranslated text is marked: wrapped in the source language, so screen readers say it right.

A segment without a usable translation is shown in the source language. In
running text it is wrapped in `<span lang="en">…</span>`; a title is plain
text, so the wrapper is taken off again and its language kept beside it.
"""

from __future__ import annotations

import re

MARKED = re.compile(r'^<span lang="(?P<lang>[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]+)*)"(?: dir="(?:ltr|rtl)")?>(?P<text>.*)</span>$', re.DOTALL)


def mark_source(text: str, language: str, page_language: str) -> str:
    """Wrap source text shown on a page in another language (and script direction, when that differs)."""
    from ..languages import text_direction

    direction = text_direction(language)
    if direction != text_direction(page_language):
        # English inside an Arabic page must still run left to right.
        return f'<span lang="{language}" dir="{direction}">{text}</span>'
    return f'<span lang="{language}">{text}</span>'


def split_marked(title: str) -> tuple[str, str | None]:
    """A title's text and, when it fell back to the source, the source language."""
    match = MARKED.match(title.strip())
    if match is None:
        return title, None
    return match.group("text"), match.group("lang").replace("_", "-")
