"""Split Markdown into sections at headings, keeping the real line numbers.

Python-Markdown does not report line numbers, so the structure a trainer can get
wrong (pages, the quiz, its questions) is found here, line by line, and only the
text inside each part is handed to the renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .problems import Problem, error
from .source_lines import SourceLines

# As Python-Markdown reads them: 1-6 hashes at the start of a line, the space is optional.
HEADING = re.compile(r"^(#{1,6})(.*)$")
FENCE = re.compile(r"^(`{3,}|~{3,})")
# "Text" followed by a line of === or --- is a heading too (setext style).
# The start of a Markdown list item: "- ", "* ", "+ ", "1. " or "1) " followed by text.
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])[ \t]+\S")
SETEXT_UNDERLINE = re.compile(r"^(=+|-+)[ ]*$")
ATTRIBUTES = re.compile(r"^(?P<title>.*?)\s*\{:?(?P<attributes>[^{}]*)\}\s*$")
ATTRIBUTE = re.compile(r"""\s*(?:\#(?P<id>[\w-]+)|\.(?P<cls>[\w-]+)|(?P<key>[\w-]+)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"']+)))""")


@dataclass(frozen=True)
class Heading:
    title: str  # without the {attributes}
    line: int
    id: str | None = None
    classes: tuple[str, ...] = ()
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    heading: Heading
    body: SourceLines  # the lines under the heading, without it


@dataclass(frozen=True)
class Outline:
    opening: SourceLines  # the text before the first heading
    sections: list[Section]


def outline_module(body: SourceLines, path: Path, problems: list[Problem]) -> Outline:
    """Split a module body into its opening text and its ## sections; report headings it cannot use."""
    for index, level, _ in headings(body):
        if level == 1:
            problems.append(error(path, body.first_line + index, "a level-1 heading (# ...) is not allowed — the module title comes from title: in the front matter; start a new page with ## instead"))
    report_setext_headings(body, path, problems)
    return split_at_level(body, 2, path, problems)


def split_at_level(body: SourceLines, level: int, path: Path, problems: list[Problem]) -> Outline:
    """Cut the body at every heading of exactly this level."""
    starts = [index for index, found, _ in headings(body) if found == level]
    ends = starts[1:] + [len(body.lines)]
    sections = []
    for start, end in zip(starts, ends):
        heading = read_heading(body.lines[start][level:], body.first_line + start, path, problems)
        sections.append(Section(heading, SourceLines(body.lines[start + 1:end], body.first_line + start + 1)))
    opening_end = starts[0] if starts else len(body.lines)
    return Outline(SourceLines(body.lines[:opening_end], body.first_line), sections)


def headings(body: SourceLines) -> Iterator[tuple[int, int, str]]:
    """Yield (index, level, text) of every heading line outside fenced code blocks."""
    for index, line in lines_outside_fences(body):
        match = HEADING.match(line)
        if match:
            yield index, len(match.group(1)), match.group(2)


def lines_outside_fences(body: SourceLines) -> Iterator[tuple[int, str]]:
    fence = None
    for index, line in enumerate(body.lines):
        if fence is None:
            match = FENCE.match(line)
            if match:
                fence = match.group(1)
            else:
                yield index, line
        elif line.rstrip() == fence:
            fence = None


def report_setext_headings(body: SourceLines, path: Path, problems: list[Problem]) -> None:
    """Catch `===`/`---` under a line of text: Markdown makes it a heading, which would not start a page."""
    previous = ""
    for index, line in lines_outside_fences(body):
        # A line with | may be the last row of a table, which a --- line does not turn into a heading.
        if previous.strip() and "|" not in previous and SETEXT_UNDERLINE.match(line):
            problems.append(error(path, body.first_line + index, "this line turns the line above it into a heading — start a page with \"## Title\" instead, or leave a blank line above it for a horizontal rule"))
        previous = line


def read_heading(text: str, line: int, path: Path, problems: list[Problem]) -> Heading:
    """Read a heading's text and its trailing {#id .class key="value"} attributes."""
    text = text.strip().rstrip("#").strip()
    match = ATTRIBUTES.match(text)
    if not match:
        return Heading(text, line)
    heading_id, classes, values = None, [], {}
    rest = match.group("attributes")
    for token in ATTRIBUTE.finditer(rest):
        if token.group("id"):
            heading_id = token.group("id")
        elif token.group("cls"):
            classes.append(token.group("cls"))
        else:
            values[token.group("key")] = next(v for v in token.group("dq", "sq", "bare") if v is not None)
    if ATTRIBUTE.sub("", rest).strip():
        problems.append(error(path, line, f"cannot read the attributes {{{rest}}} — write them like {{#question-id topic=\"documents\"}}"))
    return Heading(match.group("title"), line, heading_id, tuple(classes), values)
