"""Split a module file into translatable segments, and put it back together in another language.

A segment is one piece of text a translator translates as a whole: a heading,
a paragraph, a list item, a table cell, an image's alt text, a question, an
option, a paragraph of an explanation, the module title. Everything around the
segments — list markers, `[x]` marks, `{#id}` attributes, image and link
addresses of a lone image, code blocks — stays in the source and is copied
into every language, so the structure (a quiz's answer key, where a scenario's
choices lead) cannot differ between languages. Inline Markdown inside a segment (`**bold**`, links) stays
in the segment, so the translator keeps it.

The file is read line by line, like sections.py does, so every segment knows
its real line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable, Iterator

import yaml

from .scenarios import CHOICE, SCENARIO_CLASS
from .sections import ATTRIBUTES, FENCE

# Kinds of text: how a fallback to the source language is marked (see fallback.py).
INLINE, TITLE, ALT, YAML_TITLE, CHOICE_LABEL = "inline", "title", "alt", "yaml", "choice"

HEADING = re.compile(r"^(#{1,6}[ \t]*)(.*?)[ \t#]*$")
LIST_ITEM = re.compile(r"^([ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)(.*)$")
QUOTE = re.compile(r"^([ \t]*>[ ]?)(.*)$")
LONE_IMAGE = re.compile(r"^(!\[)(.*)(\]\([^)]*\)(?:\{:?[^}]*\})?[ \t]*)$")
ATTRIBUTE_LINE = re.compile(r"^[ \t]*\{:?[^}]*\}[ \t]*$")
RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$")
TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
CELL_BORDER = re.compile(r"(?<!\\)\|")
# What is not language: code spans, link and image addresses, autolinks, HTML tags.
NOT_WORDS = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]*>|https?://\S+")
LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Segment:
    text: str  # the source text, Markdown
    line: int  # 1-based line in the file
    kind: str = INLINE


@dataclass(frozen=True)
class Slot:
    """Lines start..end of the file, rebuilt as one line from literal pieces and segments."""

    start: int  # 0-based index of the first line
    end: int  # index after the last line
    pieces: tuple[str | Segment, ...]


def module_segments(file_text: str) -> list[Segment]:
    """Every translatable segment of a module file, in reading order."""
    return [piece for slot in module_slots(file_text) for piece in slot.pieces if isinstance(piece, Segment)]


def rebuild_module(file_text: str, translate: Callable[[Segment], str]) -> str:
    """The module file with every segment replaced by translate(segment)."""
    lines = file_text.splitlines()
    for slot in reversed(module_slots(file_text)):
        rebuilt = "".join(piece if isinstance(piece, str) else rebuilt_piece(piece, translate) for piece in slot.pieces)
        lines[slot.start:slot.end] = [rebuilt]
    return "\n".join(lines) + "\n"


def rebuilt_piece(segment: Segment, translate: Callable[[Segment], str]) -> str:
    text = translate(segment)
    return yaml_string(text) if segment.kind == YAML_TITLE else text


def module_slots(file_text: str) -> list[Slot]:
    lines = file_text.splitlines()
    body_start, title_slot = front_matter_title(lines)
    slots = [title_slot] if title_slot else []
    slots.extend(body_slots(lines, body_start))
    # A code span or a bare address alone is not language: it stays as it is.
    slots = [Slot(slot.start, slot.end, tuple(words_only(piece) for piece in slot.pieces)) for slot in slots]
    return [slot for slot in slots if any(isinstance(piece, Segment) for piece in slot.pieces)]


def words_only(piece: str | Segment) -> str | Segment:
    return piece if isinstance(piece, str) or has_words(piece.text) else piece.text


def front_matter_title(lines: list[str]) -> tuple[int, Slot | None]:
    """The index where the body starts, and a slot for the front matter's title line."""
    if not lines or lines[0].strip() != "---":
        return 0, None
    closing = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
    if closing is None:
        return 0, None
    try:
        node = yaml.compose("\n".join(lines[1:closing]), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return closing + 1, None
    for key, value in getattr(node, "value", None) or []:
        if getattr(key, "value", None) == "title" and isinstance(value, yaml.ScalarNode) and str(value.value).strip():
            start, end = 1 + key.start_mark.line, 1 + value.end_mark.line + (1 if value.end_mark.column else 0)
            segment = Segment(str(value.value).strip(), start + 1, YAML_TITLE)
            return closing + 1, Slot(start, max(end, start + 1), ("title: ", segment))
    return closing + 1, None


def body_slots(lines: list[str], start: int) -> Iterator[Slot]:
    """Walk the body's blocks; each reader returns its slots and the index after its block."""
    index, in_scenario = start, False
    while index < len(lines):
        line = lines[index]
        if not line.strip() or ATTRIBUTE_LINE.match(line) or RULE.match(line):
            index += 1
        elif FENCE.match(line.lstrip()):
            index = after_fence(lines, index)
        elif line.startswith("#"):
            if HEADING.match(line).group(1).strip() == "##":
                in_scenario = is_scenario_heading(line)
            yield heading_slot(line, index)
            index += 1
        elif is_table_start(lines, index):
            index = yield from table_slots(lines, index)
        elif in_scenario and CHOICE.match(line):
            yield choice_slot(line, index)
            index += 1
        elif LIST_ITEM.match(line):
            index = yield from continued_slot(lines, index, LIST_ITEM.match(line))
        elif QUOTE.match(line):
            index = yield from quote_slots(lines, index)
        elif LONE_IMAGE.match(line.strip()):
            match = LONE_IMAGE.match(line.strip())
            yield Slot(index, index + 1, (match.group(1), Segment(match.group(2), index + 1, ALT), match.group(3)))
            index += 1
        else:
            index = yield from paragraph_slot(lines, index)


def after_fence(lines: list[str], index: int) -> int:
    fence = FENCE.match(lines[index].lstrip()).group(1)
    index += 1
    while index < len(lines) and lines[index].strip() != fence:
        index += 1
    return index + 1


def heading_slot(line: str, index: int) -> Slot:
    match = HEADING.match(line)
    marker, text = match.group(1), match.group(2)
    attributes = ATTRIBUTES.match(text)
    suffix = ""
    if attributes:
        suffix = text[len(attributes.group("title")):]
        text = attributes.group("title")
    return Slot(index, index + 1, (marker, Segment(text.strip(), index + 1, TITLE), suffix))


def is_scenario_heading(line: str) -> bool:
    """Whether a ## heading opens a scenario ({.scenario}): its list items that link to a step are choices."""
    attributes = ATTRIBUTES.match(HEADING.match(line).group(2))
    return bool(attributes) and f".{SCENARIO_CLASS}" in attributes.group("attributes").split()


def choice_slot(line: str, index: int) -> Slot:
    """A scenario's choice: only its label is language; where it leads and its topics stay the source's."""
    match = CHOICE.match(line)
    label = match.group("label")
    return Slot(index, index + 1, (line[:match.start("label")], Segment(label.strip(), index + 1, CHOICE_LABEL), line[match.end("label"):]))


def starts_block(line: str) -> bool:
    """Whether a line ends the paragraph or list item above it."""
    stripped = line.strip()
    return (
        not stripped or line.startswith("#") or bool(LIST_ITEM.match(line) or QUOTE.match(line))
        or bool(FENCE.match(stripped) or RULE.match(line) or ATTRIBUTE_LINE.match(line))
    )


def continued_slot(lines: list[str], index: int, match: re.Match) -> Iterator[Slot]:
    """A list item: its text and the indented lines that continue it."""
    end = index + 1
    while end < len(lines) and lines[end][:1] in (" ", "\t") and not starts_block(lines[end]):
        end += 1
    text = " ".join([match.group(2).strip(), *(line.strip() for line in lines[index + 1:end])]).strip()
    yield Slot(index, end, (match.group(1), Segment(text, index + 1)))
    return end


def paragraph_slot(lines: list[str], index: int) -> Iterator[Slot]:
    end = index + 1
    while end < len(lines) and not starts_block(lines[end]) and not is_table_start(lines, end):
        end += 1
    text = " ".join(line.strip() for line in lines[index:end])
    yield Slot(index, end, (Segment(text, index + 1),))
    return end


def quote_slots(lines: list[str], index: int) -> Iterator[Slot]:
    """A blockquote (an explanation, in a quiz): one segment per paragraph, `>` lines kept."""
    while index < len(lines) and QUOTE.match(lines[index]):
        match = QUOTE.match(lines[index])
        if not match.group(2).strip():
            index += 1
            continue
        end = index + 1
        while end < len(lines) and QUOTE.match(lines[end]) and QUOTE.match(lines[end]).group(2).strip():
            end += 1
        text = " ".join([match.group(2).strip(), *(QUOTE.match(line).group(2).strip() for line in lines[index + 1:end])])
        yield Slot(index, end, (match.group(1), Segment(text, index + 1)))
        index = end
    return index


def is_table_start(lines: list[str], index: int) -> bool:
    return "|" in lines[index] and index + 1 < len(lines) and bool(TABLE_SEPARATOR.match(lines[index + 1])) and "-" in lines[index + 1]


def table_slots(lines: list[str], index: int) -> Iterator[Slot]:
    """One slot per row, one segment per cell; the separator row is copied."""
    yield table_row(lines[index], index)
    index += 2
    while index < len(lines) and "|" in lines[index] and lines[index].strip():
        yield table_row(lines[index], index)
        index += 1
    return index


def table_row(line: str, index: int) -> Slot:
    pieces: list[str | Segment] = []
    position = 0
    for border in [*CELL_BORDER.finditer(line), None]:
        cell_end = border.start() if border else len(line)
        cell = line[position:cell_end]
        text = cell.strip()
        if text:
            left = cell[:len(cell) - len(cell.lstrip())]
            right = cell[len(cell.rstrip()):]
            pieces.extend([left, Segment(text, index + 1), right])
        else:
            pieces.append(cell)
        if border:
            pieces.append("|")
            position = border.end()
    return Slot(index, index + 1, tuple(pieces))


def has_words(text: str) -> bool:
    """Whether text holds anything to translate once code, addresses and tags are left out."""
    return bool(LETTER.search(NOT_WORDS.sub("", text)))


def yaml_string(text: str) -> str:
    """Quote text for a YAML value: a JSON string is a valid YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)
