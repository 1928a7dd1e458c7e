"""The fact and placeholder gate: nothing unfinished or out of date reaches participants.

A course is read by people who may act on a phone number or an amount, so two
kinds of unfinished text are caught before publishing:

- a placeholder: an editor's marker left in text participants read (module
  files, course.yml, help-card.yml, the translations). PLACEHOLDERS below is
  the one definition; it is an error, so it never publishes.
- an outdated fact: a module whose `reviewed:` date, or a help card whose
  `checked:` date, is older than the review period (a card with facts but no
  `checked:` date counts as outdated). It is a warning: `flask courses check
  --strict` and a strict publish refuse it, a trainer's draft still compiles.

Editors keep what they still have to verify in the help card's `verify:`
list: it is never shown to participants, so it is the one place where such
markers belong (reported as notes by `flask courses check`).
"""

from __future__ import annotations

import calendar
import datetime
import io
import re
from pathlib import Path

import yaml
from babel.messages.pofile import PoFileError, read_po

from .help_card import HELP_CARD_FILE, VERIFY_KEY
from .problems import Problem, error, note, warning
from .reading import COURSE_FILE, CourseFiles
from .translation_catalogs import TRANSLATIONS_FOLDER

# What counts as a placeholder, each with the words a trainer reads when it is found.
PLACEHOLDERS: tuple[tuple[re.Pattern, str], ...] = (
    # Editor's notes written in words, in any case.
    (re.compile(r"check before use|to be (?:confirmed|determined|checked)|placeholder|lorem ipsum", re.IGNORECASE), "an editor's note"),
    # Work markers, in capitals only: "todo" is an ordinary word in some languages.
    (re.compile(r"\b(?:TODO|FIXME|TBD|TBC|XXX)\b"), "a work marker"),
    # A gap to fill in: [...], […], [?], [PHONE NUMBER] (not a link's text: no "(" or "[" or ":" after it).
    (re.compile(r"\[(?:\.\.\.|…|\?+|[A-Z][A-Z0-9 _/-]*)\](?![(\[:])"), "a gap to fill in"),
    # Template slots and question marks standing in for a value.
    (re.compile(r"\{\{[^}]*\}\}|<<[^>]*>>|\?\?\?"), "a gap to fill in"),
)
# A quiz option's checkbox ("- [x] ") is syntax, not a gap.
TASK_BOX = re.compile(r"^\s*[-*+]\s+\[[ xX]\]")


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier; the month's last day when it is shorter (31 May - 3 = 28/29 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def placeholder_in(text: str) -> tuple[str, str] | None:
    """The first placeholder in text and what kind it is, or None."""
    text = TASK_BOX.sub("", text)
    for pattern, kind in PLACEHOLDERS:
        found = pattern.search(text)
        if found:
            return found.group(0), kind
    return None


def placeholder_problem(path: Path, line: int | None, text: str) -> Problem | None:
    found = placeholder_in(text)
    if found is None:
        return None
    marker, kind = found
    return error(path, line, f"\"{marker}\" is {kind} that participants would read — fill in the checked fact, or move the note to the help card's verify: list")


def check_course_content(files: CourseFiles, today: datetime.date, review_months: int, problems: list[Problem]) -> None:
    """Report placeholders, outdated facts and the help card's facts still to verify."""
    cutoff = months_before(today, review_months)
    folder = files.folder
    if files.course_yml is not None:
        check_lines(folder / COURSE_FILE, files.course_yml.splitlines(), problems, yaml_file=True)
    for module in files.modules:
        lines = module.text.splitlines()
        check_lines(module.path, lines, problems)
        check_reviewed(module.path, lines, cutoff, review_months, problems)
    card = files.files.get(HELP_CARD_FILE)
    if card is not None:
        check_help_card(folder / HELP_CARD_FILE, card.decode("utf-8-sig", errors="replace"), cutoff, review_months, problems)
    for name, data in sorted(files.files.items()):
        if name.startswith(f"{TRANSLATIONS_FOLDER}/") and name.endswith(".po"):
            check_catalog(folder / name, data, problems)


# A whole-line YAML comment is for editors: participants never read it.
YAML_COMMENT = re.compile(r"^\s*#")


def check_lines(path: Path, lines: list[str], problems: list[Problem], skip: range = range(0), yaml_file: bool = False) -> None:
    for index, line in enumerate(lines):
        if index + 1 in skip or (yaml_file and YAML_COMMENT.match(line)):
            continue
        problem = placeholder_problem(path, index + 1, line)
        if problem:
            problems.append(problem)


def front_matter_line(lines: list[str], key: str) -> tuple[int, str] | None:
    """The line number and value of a top-level key in the front matter (the check has parsed it already)."""
    if not lines or lines[0].strip() != "---":
        return None
    for index, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            return None
        if line.startswith(f"{key}:"):
            return index, line.split(":", 1)[1].strip().strip("\"'")
    return None


def check_reviewed(path: Path, lines: list[str], cutoff: datetime.date, months: int, problems: list[Problem]) -> None:
    found = front_matter_line(lines, "reviewed")
    if found is None:
        return  # a module without facts needs no date; the reviews report lists it
    line, value = found
    try:
        reviewed = datetime.date.fromisoformat(value)
    except ValueError:
        return  # the front matter check reports the bad date
    if reviewed < cutoff:
        problems.append(outdated(path, line, "reviewed", reviewed, months, "the module's facts"))


def outdated(path: Path, line: int, key: str, day: datetime.date, months: int, what: str) -> Problem:
    return warning(path, line, f"{key}: {day.isoformat()} is more than {months} months ago — check {what} against the official sources, correct them, then update {key}:")


def check_help_card(path: Path, card_text: str, cutoff: datetime.date, months: int, problems: list[Problem]) -> None:
    try:
        root = yaml.compose(card_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return  # the help card check reports it
    if not isinstance(root, yaml.MappingNode):
        return
    nodes = {str(key.value): (key, value) for key, value in root.value}
    verify = nodes.get(VERIFY_KEY)
    # The verify: list is for editors only: markers are expected there.
    skip = range(verify[0].start_mark.line + 1, verify[1].end_mark.line + 2) if verify else range(0)
    check_lines(path, card_text.splitlines(), problems, skip, yaml_file=True)
    if verify and isinstance(verify[1], yaml.SequenceNode):
        for item in verify[1].value:
            if isinstance(item, yaml.ScalarNode):
                problems.append(note(path, item.start_mark.line + 1, f"to verify: {item.value}"))
    facts = nodes.get("facts")
    checked = nodes.get("checked")
    if checked is None:
        if facts and isinstance(facts[1], yaml.SequenceNode) and facts[1].value:
            problems.append(warning(path, facts[0].start_mark.line + 1, "the facts have no checked: date — check them, then add a line like checked: 2026-11-28"))
        return
    try:
        day = datetime.date.fromisoformat(str(checked[1].value))
    except ValueError:
        return  # the help card check reports the bad date
    if day < cutoff:
        problems.append(outdated(path, checked[0].start_mark.line + 1, "checked", day, months, "the card's contacts and facts"))


def check_catalog(path: Path, data: bytes, problems: list[Problem]) -> None:
    """Placeholders in the translations participants read (used ones: translated and not fuzzy)."""
    try:
        catalog = read_po(io.BytesIO(data))
    except (PoFileError, ValueError, UnicodeDecodeError):
        return  # the translation check reports it
    for message in catalog:
        if not message.id or message.fuzzy or not isinstance(message.string, str):
            continue
        problem = placeholder_problem(path, message.lineno, message.string)
        if problem:
            problems.append(problem)
