"""Read a module's scenario section: `###` steps, `- [label](#step)` choices and `>` feedback.

A scenario is a `## Title {.scenario}` section. Each `### Step {#id}` is one
moment of the story; the first is where it starts. A step's narrative comes
first; its choices close it, each a list item that links to the step it leads
to, optionally followed by an indented `>` blockquote with the feedback shown
after choosing it. A step with `ending="good|acceptable|harmful"` ends the
story and has no choices: its text is the debrief.

Like quizzes.py, this stage reads the structure line by line (so every problem
has its real line) and leaves the Markdown inside to the module stage. The
graph checks live in scenario_graph.py.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from .compiled import PASSING_ENDINGS as PASS_RULES
from .problems import Problem, error, warning
from .sections import LIST_ITEM, Heading, Section, read_heading, split_at_level
from .source_lines import SourceLines

SCENARIO_CLASS = "scenario"
DEFAULT_PASS = "good"
ENDINGS = ("good", "acceptable", "harmful")
SCENARIO_ATTRIBUTES = ("pass",)
STEP_ATTRIBUTES = ("ending",)
CHOICE_ATTRIBUTES = ("topic",)
# Ids name the runs' rows and the statistics' keys (module|scenario|step|choice), so they stay short.
STEP_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
# `- [label](#target) {topic="x"}`: a list item that is one link to a step (segments.py reads it alike).
CHOICE = re.compile(r"^[-*+][ \t]+\[(?P<label>.*)\]\(#(?P<target>[^)\s]*)\)[ \t]*(?P<attributes>\{[^{}]*\})?[ \t]*$")
FEEDBACK = re.compile(r"^[ \t]+>[ ]?(?P<text>.*)$")


@dataclass(frozen=True)
class ChoiceSource:
    label: str  # Markdown
    target: str  # the id of the step it leads to, as written
    line: int
    feedback: SourceLines | None
    topics: tuple[str, ...]


@dataclass(frozen=True)
class StepSource:
    id: str
    title: str  # Markdown
    line: int
    ending: str | None
    narrative: SourceLines
    choices: tuple[ChoiceSource, ...]


@dataclass(frozen=True)
class ScenarioSource:
    id: str
    title: str  # Markdown
    line: int
    pass_rule: str
    steps: tuple[StepSource, ...]


def is_scenario(section: Section) -> bool:
    return SCENARIO_CLASS in section.heading.classes


def read_scenario(section: Section, position: int, path: Path, problems: list[Problem]) -> ScenarioSource:
    """Read the steps of a {.scenario} section, reporting what a trainer has to fix."""
    heading = section.heading
    check_attributes(heading, SCENARIO_ATTRIBUTES, "a scenario heading takes {.scenario}, an optional {#id} and pass=\"good|acceptable|any\"", path, problems, allowed_classes=(SCENARIO_CLASS,))
    pass_rule = heading.values.get("pass", DEFAULT_PASS)
    if pass_rule not in PASS_RULES:
        problems.append(error(path, heading.line, f"pass=\"{pass_rule}\" is not a pass rule — write pass=\"good\" (only a good ending passes), \"acceptable\" (good or acceptable) or \"any\""))
        pass_rule = DEFAULT_PASS
    if heading.id is not None and not STEP_ID.match(heading.id):
        problems.append(error(path, heading.line, f"scenario id \"{heading.id}\" is not valid — use up to 40 letters, digits, - and _"))
    outline = split_at_level(section.body, 3, path, problems)
    if any(line.strip() for line in outline.opening.lines):
        problems.append(warning(path, outline.opening.first_line, "text between the scenario heading and its first step is not shown — move it into the first step"))
    if not outline.sections:
        problems.append(error(path, heading.line, f"scenario \"{heading.title}\" has no steps — add steps as ### headings with an {{#id}}"))
    steps = tuple(read_step(step, path, problems) for step in outline.sections)
    return ScenarioSource(
        id=heading.id or f"scenario-{position}",  # by position, like questions; an {#id} keeps statistics across reordering
        title=heading.title,
        line=heading.line,
        pass_rule=pass_rule,
        steps=steps,
    )


def read_step(section: Section, path: Path, problems: list[Problem]) -> StepSource:
    heading = section.heading
    if not heading.title:
        problems.append(error(path, heading.line, "a step has no title — write it after ###"))
    check_attributes(heading, STEP_ATTRIBUTES, "a step takes an {#id} and, for an ending, ending=\"good|acceptable|harmful\"", path, problems)
    if heading.id is None:
        problems.append(error(path, heading.line, f"step \"{heading.title}\" has no id — add one like {{#arrival}}, so choices can link to it"))
    elif not STEP_ID.match(heading.id):
        problems.append(error(path, heading.line, f"step id \"{heading.id}\" is not valid — use up to 40 letters, digits, - and _"))
    ending = heading.values.get("ending")
    if ending is not None and ending not in ENDINGS:
        problems.append(error(path, heading.line, f"ending=\"{ending}\" is not an ending — write ending=\"good\", \"acceptable\" or \"harmful\""))
        ending = "harmful"  # still an ending, so the graph checks do not add a second error
    narrative, choices = read_step_body(section.body, path, problems)
    if not any(line.strip() for line in narrative.lines):
        what = "its debrief: what happened and why" if ending else "what the person sees and has to decide"
        problems.append(warning(path, heading.line, f"step \"{heading.title}\" has no text — write {what}"))
    return StepSource(heading.id or "", heading.title, heading.line, ending, narrative, tuple(choices))


def read_step_body(body: SourceLines, path: Path, problems: list[Problem]) -> tuple[SourceLines, list[ChoiceSource]]:
    """Split a step into its narrative (everything before the first choice) and its choices."""
    first = next((index for index, line in enumerate(body.lines) if CHOICE.match(line)), len(body.lines))
    narrative = SourceLines(body.lines[:first], body.first_line)
    choices: list[ChoiceSource] = []
    feedback: list[tuple[int, str]] = []
    for index in range(first, len(body.lines)):
        line, number = body.lines[index], body.first_line + index
        choice, quoted = CHOICE.match(line), FEEDBACK.match(line)
        if not line.strip():
            continue
        if choice:
            close_choice(choices, feedback)
            choices.append(read_choice(choice, number, path, problems))
        elif quoted:
            feedback.append((number, quoted.group("text")))
        elif LIST_ITEM.match(line) or line.startswith(">"):
            problems.append(error(path, number, "a choice is a list item that links to a step, like \"- [Talk to him alone](#talk-outside)\", and its feedback an indented \"  > \" quote under it"))
        else:
            problems.append(error(path, number, "text after the choices — write the step's text above its choices"))
    close_choice(choices, feedback)
    return narrative, choices


def close_choice(choices: list[ChoiceSource], feedback: list[tuple[int, str]]) -> None:
    """Attach the feedback lines read so far to the last choice."""
    if choices and feedback:
        last = choices[-1]
        first = feedback[0][0]
        lines = [""] * (feedback[-1][0] - first + 1)
        for number, text in feedback:
            lines[number - first] = text
        choices[-1] = ChoiceSource(last.label, last.target, last.line, SourceLines(lines, first), last.topics)
    feedback.clear()


def read_choice(match: re.Match, line: int, path: Path, problems: list[Problem]) -> ChoiceSource:
    label = match.group("label").strip()
    if not label:
        problems.append(error(path, line, "a choice has no text — write what the person does between the [ ]"))
    topics: tuple[str, ...] = ()
    if match.group("attributes"):
        attributes = read_heading(match.group("attributes"), line, path, problems)
        check_attributes(attributes, CHOICE_ATTRIBUTES, "a choice takes only topic=\"...\"", path, problems)
        topics = tuple(attributes.values.get("topic", "").split())
    return ChoiceSource(label, match.group("target"), line, None, topics)


def check_attributes(heading: Heading, allowed: tuple[str, ...], usage: str, path: Path, problems: list[Problem], allowed_classes: tuple[str, ...] = ()) -> None:
    for name in heading.values:
        if name not in allowed:
            nearest = difflib.get_close_matches(name, allowed, n=1)
            hint = f"did you mean \"{nearest[0]}\"?" if nearest else usage
            problems.append(error(path, heading.line, f"unknown attribute \"{name}\" — {hint}"))
    for name in heading.classes:
        if name not in allowed_classes:
            problems.append(error(path, heading.line, f"unknown class \".{name}\" — {usage}"))

