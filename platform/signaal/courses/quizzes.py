"""Read a module's quiz section: `###` questions, `- [ ]`/`- [x]` options and a `>` explanation.

This stage only reads the structure and checks it; the Markdown inside prompts,
options and explanations is rendered later, by the module stage.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, error, warning
from .reading import MAX_ID_LENGTH
from .sections import LIST_ITEM, Heading, Section, split_at_level
from .source_lines import SourceLines

QUIZ_CLASS = "quiz"
QUESTION_ATTRIBUTES = ("topic",)
# `## Test yourself {.quiz draw=5}`: each attempt asks 5 questions of the pool.
QUIZ_ATTRIBUTES = ("draw",)
QUESTION_ID = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9_-]{{0,{MAX_ID_LENGTH - 1}}}$")
TASK_ITEM = re.compile(r"^[-*+][ \t]+\[([ xX])\](?:[ \t]+(.*))?$")
QUOTE = re.compile(r"^>[ ]?(.*)$")
# Kinds of the question-kind registry this format can express.
SINGLE, MULTIPLE = "single", "multiple"


@dataclass(frozen=True)
class OptionSource:
    text: str  # Markdown
    correct: bool
    line: int


@dataclass(frozen=True)
class QuestionSource:
    id: str
    kind: str
    prompt: str  # Markdown
    line: int
    options: tuple[OptionSource, ...]
    explanation: SourceLines | None
    topics: tuple[str, ...]


def is_quiz(section: Section) -> bool:
    return QUIZ_CLASS in section.heading.classes


def read_quiz(section: Section, path: Path, problems: list[Problem]) -> list[QuestionSource]:
    """Read the questions of a {.quiz} section, reporting what a trainer has to fix."""
    outline = split_at_level(section.body, 3, path, problems)
    if any(line.strip() for line in outline.opening.lines):
        problems.append(warning(path, outline.opening.first_line, "text between the quiz heading and its first question is not shown — remove it or move it above the quiz"))
    if not outline.sections:
        problems.append(error(path, section.heading.line, f"quiz \"{section.heading.title}\" has no questions — add questions as ### headings"))
    questions, first_lines = [], {}
    for position, question_section in enumerate(outline.sections, start=1):
        question = read_question(question_section, position, path, problems)
        if question.id in first_lines:
            problems.append(error(path, question.line, f"duplicate question id \"{question.id}\" (also on line {first_lines[question.id]}) — give each question its own {{#id}}"))
        first_lines.setdefault(question.id, question.line)
        questions.append(question)
    return questions


def read_draw(section: Section, pool: int, path: Path, problems: list[Problem]) -> int | None:
    """How many questions an attempt asks, from the quiz heading's draw=N; None (all) when not given."""
    heading = section.heading
    for name in heading.values:
        if name not in QUIZ_ATTRIBUTES:
            nearest = difflib.get_close_matches(name, QUIZ_ATTRIBUTES, n=1)
            hint = f"did you mean \"{nearest[0]}\"?" if nearest else "a quiz heading takes only {.quiz} and draw=N"
            problems.append(error(path, heading.line, f"unknown quiz attribute \"{name}\" — {hint}"))
    value = heading.values.get("draw")
    if value is None:
        return None
    if not value.isdigit() or not 1 <= int(value) <= max(pool, 1):
        problems.append(error(path, heading.line, f"draw={value} must be a whole number from 1 to the {pool} questions of the quiz — ask fewer, or add questions"))
        return None
    return int(value)


def read_question(section: Section, position: int, path: Path, problems: list[Problem]) -> QuestionSource:
    heading = section.heading
    if not heading.title:
        problems.append(error(path, heading.line, "a question has no text — write the question after ###"))
    check_question_attributes(heading, path, problems)
    options, explanation = read_question_body(heading, section.body, path, problems)
    correct = sum(option.correct for option in options)
    if options and not correct:
        problems.append(error(path, heading.line, f"question \"{heading.title}\" has no correct option — mark one with [x]"))
    if explanation is None:
        problems.append(warning(path, heading.line, f"question \"{heading.title}\" has no explanation — add a \"> \" blockquote after the options that says why"))
    return QuestionSource(
        id=heading.id or f"q{position}",  # by position, so adding an {#id} later is a choice, not a must
        kind=SINGLE if correct == 1 else MULTIPLE,
        prompt=heading.title,
        line=heading.line,
        options=tuple(options),
        explanation=explanation,
        topics=tuple(heading.values.get("topic", "").split()),
    )


def check_question_attributes(heading: Heading, path: Path, problems: list[Problem]) -> None:
    if heading.id is not None and not QUESTION_ID.match(heading.id):
        problems.append(error(path, heading.line, f"question id \"{heading.id}\" is not valid — use up to {MAX_ID_LENGTH} letters, digits, - and _"))
    for name in heading.values:
        if name not in QUESTION_ATTRIBUTES:
            nearest = difflib.get_close_matches(name, QUESTION_ATTRIBUTES, n=1)
            hint = f"did you mean \"{nearest[0]}\"?" if nearest else "a question takes only {#id} and topic=\"...\""
            problems.append(error(path, heading.line, f"unknown question attribute \"{name}\" — {hint}"))
    for name in heading.classes:
        problems.append(error(path, heading.line, f"unknown question class \".{name}\" — a question takes only {{#id}} and topic=\"...\""))


def read_question_body(heading: Heading, body: SourceLines, path: Path, problems: list[Problem]) -> tuple[list[OptionSource], SourceLines | None]:
    """Read the options and the explanation, line by line, in that order."""
    options: list[OptionSource] = []
    quote: list[tuple[int, str]] = []
    reported_list = False
    for index, line in enumerate(body.lines):
        number = body.first_line + index
        task, quoted = TASK_ITEM.match(line), QUOTE.match(line)
        if not line.strip():
            continue
        if quoted:
            quote.append((number, quoted.group(1)))
        elif task:
            if quote:
                problems.append(error(path, number, "an option comes after the explanation — put all options before the > explanation"))
            options.append(read_option(task, number, path, problems))
        elif LIST_ITEM.match(line):
            if not reported_list:
                problems.append(error(path, number, "the option list is not a task list — write \"- [ ] text\" for a wrong option and \"- [x] text\" for a right one"))
            reported_list = True
        elif line[0] in " \t" and options and not quote:
            last = options[-1]  # a long option wrapped onto the next line
            options[-1] = OptionSource(f"{last.text} {line.strip()}", last.correct, last.line)
        else:
            problems.append(error(path, number, "unexpected text in a question — a question is a ### line, then \"- [ ]\" options, then a \"> \" explanation"))
    if not options and not reported_list:
        problems.append(error(path, heading.line, f"question \"{heading.title}\" has no options — add options as \"- [ ] text\" lines and mark the right ones with [x]"))
    return options, quote_body(quote)


def read_option(task: re.Match, line: int, path: Path, problems: list[Problem]) -> OptionSource:
    text = (task.group(2) or "").strip()
    if not text:
        problems.append(error(path, line, "an option has no text — write it after the [ ] or remove the line"))
    return OptionSource(text, task.group(1) in "xX", line)


def quote_body(quote: list[tuple[int, str]]) -> SourceLines | None:
    """Turn the quoted lines into one SourceLines; blank lines between them separate paragraphs."""
    if not quote:
        return None
    first = quote[0][0]
    lines = [""] * (quote[-1][0] - first + 1)
    for number, text in quote:
        lines[number - first] = text
    return SourceLines(lines, first)
