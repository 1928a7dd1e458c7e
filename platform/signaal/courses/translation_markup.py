"""Check that a translation keeps the inline Markdown of its source segment.

A translator translates words, not structure: the translation must render to
the same tags (bold, italic, links, code…) pointing at the same addresses. A
translation that drops a link, adds HTML or leaves an emphasis marker open
would change what participants see in ways nobody reviewed, so it is not used.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

from .rendering import MARKDOWN_EXTENSIONS
from .sanitising import URL_ATTRIBUTES

# Characters that carry structure around a segment (table cells, attributes, link brackets).
STRUCTURE_CHARACTERS = "|{}[]"
EMPHASIS_LEFT_OPEN = re.compile(r"\*|(?<![\w])_+(?=\w)|(?<=\w)_+(?![\w])")
TAG_NAMES = {
    "strong": "**bold**", "b": "**bold**", "em": "*italic*", "i": "*italic*", "a": "a link",
    "code": "`code`", "img": "an image", "p": "a paragraph break", "br": "a line break",
    "ul": "a list", "ol": "a list", "li": "a list item", "blockquote": "a > quote",
    "table": "a table", "hr": "a horizontal line", "pre": "a code block",
    **{f"h{level}": "a heading (#)" for level in range(1, 7)},
}


@dataclass(frozen=True)
class Shape:
    """What must be the same in a segment and its translation."""

    tags: Counter
    urls: tuple[str, ...]
    structure: tuple[int, ...]
    loose_markers: int  # emphasis markers left as text: open or unpaired


class ShapeReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.urls: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.urls.extend(value or "" for name, value in attrs if name in URL_ATTRIBUTES)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


class MarkupChecker:
    """Compares translations with their sources; one converter reused for speed."""

    def __init__(self) -> None:
        self.converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
        self.source_shapes: dict[str, Shape] = {}

    def shape(self, text: str) -> Shape:
        reader = ShapeReader()
        reader.feed(self.converter.reset().convert(text))
        reader.close()
        rendered_text = "".join(reader.text)
        return Shape(
            tags=reader.tags,
            urls=tuple(sorted(reader.urls)),
            structure=tuple(text.count(character) for character in STRUCTURE_CHARACTERS),
            loose_markers=len(EMPHASIS_LEFT_OPEN.findall(rendered_text)),
        )

    def problem(self, source: str, translation: str) -> str | None:
        """What is wrong with the translation's markup, or None when it keeps the source's."""
        if source not in self.source_shapes:
            self.source_shapes[source] = self.shape(source)
        expected, found = self.source_shapes[source], self.shape(translation)
        if found.urls != expected.urls:
            return "the translation changes or leaves out a link or image address — copy every (address) from the source exactly"
        if found.tags != expected.tags:
            return describe_tags(expected.tags, found.tags)
        if found.loose_markers > expected.loose_markers:
            return "the translation has an * or _ that opens emphasis but never closes it — use them in pairs, as in the source"
        if found.structure != expected.structure:
            return "the translation adds or removes one of the characters | { } [ ] — keep them as in the source"
        return None


def describe_tags(expected: Counter, found: Counter) -> str:
    added = sorted({TAG_NAMES.get(tag, f"<{tag}>") for tag in (found - expected)})
    lost = sorted({TAG_NAMES.get(tag, f"<{tag}>") for tag in (expected - found)})
    parts = []
    if added:
        parts.append("adds " + ", ".join(added))
    if lost:
        parts.append("loses " + ", ".join(lost))
    return f"the translation {' and '.join(parts)} — keep the Markdown and HTML of the source, translate only the words"
