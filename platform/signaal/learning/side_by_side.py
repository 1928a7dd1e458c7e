"""A lesson page (or a scenario step) in two languages, block by block, for a session with an interpreter or a colleague.

Every language of a version is compiled from the same source structure (see
courses/translating.py), so the n-th block of a page (a paragraph, a list, a
table, a heading) is the same segment(s) in every language and can be paired.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import zip_longest

from ..courses.compiled import Step
from ..courses.published import PublishedModule, PublishedVersion

VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "wbr"}


@dataclass(frozen=True)
class PairedPage:
    title: str
    title_lang: str | None  # the source language when the title is untranslated
    other_title: str
    other_title_lang: str | None
    rows: list[tuple[str, str]]  # (HTML block in the reading language, the same block in the other)


def second_language(version: PublishedVersion, reading: str, requested: str | None) -> str | None:
    """The language to show beside `reading`: the one asked for if the version has it, else a sensible other."""
    others = [code for code in version.languages if code != reading]
    if requested in others:
        return requested
    if not others:
        return None
    return version.language if version.language in others else others[0]


def paired_page(module: PublishedModule, other: PublishedModule, page_number: int) -> PairedPage:
    """Pair page `page_number` (1-based) of the same module in two languages, block by block."""
    page, other_page = module.pages[page_number - 1], other.pages[page_number - 1]
    rows = list(zip_longest(top_level_blocks(page.html), top_level_blocks(other_page.html), fillvalue=""))
    return PairedPage(page.title, page.title_lang, other_page.title, other_page.title_lang, rows)


def paired_step(step: Step, other: Step) -> PairedPage:
    """Pair a scenario step with the same step in another language: its text block by block, then its choices."""
    rows = list(zip_longest(top_level_blocks(step.html), top_level_blocks(other.html), fillvalue=""))
    if step.choices:
        rows.append((choice_list(step), choice_list(other)))
    return PairedPage(step.title, step.title_lang, other.title, other.title_lang, rows)


def choice_list(step: Step) -> str:
    # The labels are sanitised inline HTML already (see courses/rendering.py).
    return "<ul>" + "".join(f"<li>{choice.label_html}</li>" for choice in step.choices) + "</ul>"


class BlockSplitter(HTMLParser):
    """Find where each top-level element of an HTML fragment starts and ends."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0]
        for line in html.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.depth = 0
        self.starts: list[int] = []
        self.ends: list[int] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.depth == 0:
            self.starts.append(self.position())
        if tag not in VOID_TAGS:
            self.depth += 1
        elif self.depth == 0:
            self.ends.append(self.position() + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        self.depth = max(self.depth - 1, 0)
        if self.depth == 0:
            self.ends.append(self.position() + len(f"</{tag}>"))


def top_level_blocks(html: str) -> list[str]:
    """The top-level elements of sanitised HTML, each as its own HTML string."""
    splitter = BlockSplitter(html)
    splitter.feed(html)
    splitter.close()
    return [html[start:end] for start, end in zip(splitter.starts, splitter.ends)]
