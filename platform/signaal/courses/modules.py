"""Turn one module file into a Module: front matter, lesson pages and the quiz."""

from __future__ import annotations

import difflib
from pathlib import Path

from .compiled import Choice, Module, Option, Page, Question, Quiz, Scenario, Step
from .frontmatter import read_module_file
from .links import CourseLinks
from .problems import Problem, error, warning
from .quizzes import QUIZ_CLASS, QuestionSource, is_quiz, read_draw, read_quiz
from .reading import ModuleFile
from .scenario_graph import check_scenario_graphs
from .scenarios import SCENARIO_CLASS, ScenarioSource, is_scenario, read_scenario
from .rendering import Renderer, plain_text
from .sections import Outline, Section, outline_module
from .source_fallback import split_marked
from .source_lines import SourceLines


def compile_module(file: ModuleFile, links: CourseLinks, problems: list[Problem]) -> Module | None:
    """Compile one module file; None when it is too broken to read (the problems say why)."""
    read = read_module_file(file.text, file.path, problems)
    if read is None:
        return None
    settings, body = read
    outline = outline_module(body, file.path, problems)
    check_section_classes(outline, file.path, problems)
    renderer = Renderer(file.path, links, problems)
    title = settings["title"] or file.id
    quiz_section = find_quiz_section(outline, file.path, problems)
    pages = render_pages(title, outline, renderer)
    scenarios = read_scenarios(outline, file.path, problems)
    if not pages and quiz_section is None and not scenarios:
        problems.append(warning(file.path, body.first_line, "the module has no content — write its text under the front matter"))
    return Module(
        id=file.id,
        title=title,
        minutes=settings["minutes"],
        reviewed=settings["reviewed"],
        pages=tuple(pages),
        quiz=render_quiz(quiz_section, renderer, problems) if quiz_section else None,
        scenarios=tuple(render_scenario(scenario, renderer) for scenario in scenarios),
    )


def find_quiz_section(outline: Outline, path: Path, problems: list[Problem]) -> Section | None:
    """Return the {.quiz} section; it must be the last ## section, so the quiz closes the module."""
    quizzes = [section for section in outline.sections if is_quiz(section)]
    for section in quizzes:
        if section is not outline.sections[-1]:
            problems.append(error(path, section.heading.line, f"the quiz \"{section.heading.title}\" is not the last ## section — move it to the end of the module"))
    if not quizzes:
        problems.append(warning(path, None, "the module has no quiz — add a \"## Test yourself {.quiz}\" section at the end"))
        return None
    return quizzes[-1] if quizzes[-1] is outline.sections[-1] else None


def check_section_classes(outline: Outline, path: Path, problems: list[Problem]) -> None:
    """Catch a mistyped {.quiz} or {.scenario}: the section would silently become a page."""
    known = [QUIZ_CLASS, SCENARIO_CLASS]
    for section in outline.sections:
        for name in section.heading.classes:
            if name not in known:
                nearest = difflib.get_close_matches(name, known, n=1)
                hint = f"did you mean \".{nearest[0]}\"?" if nearest else "a ## heading takes only {.quiz} or {.scenario}"
                problems.append(error(path, section.heading.line, f"unknown class \".{name}\" — {hint}"))


def render_pages(module_title: str, outline: Outline, renderer: Renderer) -> list[Page]:
    """The opening text (if any) becomes a page titled like the module; each other ## section is a page."""
    pages = []
    if not is_blank(outline.opening):
        pages.append(Page(module_title, renderer.block(outline.opening)))
    for section in outline.sections:
        if is_quiz(section) or is_scenario(section):
            continue
        if is_blank(section.body):
            renderer.problems.append(warning(renderer.path, section.heading.line, f"the page \"{section.heading.title}\" is empty — write its text or remove the heading"))
        title, title_lang = split_marked(section.heading.title)
        pages.append(Page(plain_text(title), renderer.block(section.body), title_lang))
    return pages


def read_scenarios(outline: Outline, path: Path, problems: list[Problem]) -> list[ScenarioSource]:
    """Read and check every {.scenario} section; ids are unique within the module."""
    sections = [section for section in outline.sections if is_scenario(section) and not is_quiz(section)]
    scenarios = [read_scenario(section, position, path, problems) for position, section in enumerate(sections, start=1)]
    first_lines: dict[str, int] = {}
    for scenario in scenarios:
        if scenario.id in first_lines:
            problems.append(error(path, scenario.line, f"duplicate scenario id \"{scenario.id}\" (also on line {first_lines[scenario.id]}) — give each scenario its own {{#id}}"))
        first_lines.setdefault(scenario.id, scenario.line)
    check_scenario_graphs(scenarios, path, problems)
    return scenarios


def render_scenario(scenario: ScenarioSource, renderer: Renderer) -> Scenario:
    title, title_lang = split_marked(scenario.title)
    steps = []
    for step in scenario.steps:
        step_title, step_title_lang = split_marked(step.title)
        choices = tuple(
            Choice(
                target=choice.target,
                label_html=renderer.inline(choice.label, choice.line),
                feedback_html=renderer.block(choice.feedback) if choice.feedback else "",
                topics=choice.topics,
            )
            for choice in step.choices
        )
        steps.append(Step(step.id, plain_text(step_title), renderer.block(step.narrative), step.ending, choices, step_title_lang))
    return Scenario(scenario.id, plain_text(title), scenario.pass_rule, tuple(steps), title_lang)


def render_quiz(section: Section, renderer: Renderer, problems: list[Problem]) -> Quiz:
    questions = read_quiz(section, renderer.path, problems)
    draw = read_draw(section, len(questions), renderer.path, problems)
    title, title_lang = split_marked(section.heading.title)
    return Quiz(plain_text(title), tuple(render_question(q, renderer) for q in questions), title_lang, draw)


def render_question(question: QuestionSource, renderer: Renderer) -> Question:
    return Question(
        id=question.id,
        kind=question.kind,
        prompt_html=renderer.inline(question.prompt, question.line),
        options=tuple(Option(renderer.inline(option.text, option.line), option.correct) for option in question.options),
        explanation_html=renderer.block(question.explanation) if question.explanation else "",
        topics=question.topics,
    )


def is_blank(body: SourceLines) -> bool:
    return not any(line.strip() for line in body.lines)
