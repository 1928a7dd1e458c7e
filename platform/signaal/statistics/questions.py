"""Which questions and topics people get wrong on their first try, and how far they get.

The counting is done by `figures.py` (one row per question or module comes back); matching the
rows to the live version's question texts and topic tags is done here, over
those few rows.
"""

from __future__ import annotations

import html as entities
import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..courses.published import PublishedVersion
from .figures import first_try_results, funnel_counts
from .scoping import Scope

_TAGS = re.compile(r"<[^>]+>")


def plain_text(html: str) -> str:
    """Question text without its inline markup, for tables and CSV files."""
    return entities.unescape(_TAGS.sub("", html)).strip()


@dataclass(frozen=True)
class QuestionFigures:
    module_title: str
    question_id: str
    text: str
    topics: tuple[str, ...]
    tries: int  # people who answered it on their first try at the quiz
    right: int


@dataclass
class TopicFigures:
    topic: str
    questions: set[str] = field(default_factory=set)
    tries: int = 0
    missed: int = 0


def question_figures(scope: Scope, version: PublishedVersion) -> list[QuestionFigures]:
    """Every question of the live version, in course order, with its first-try results."""
    results = first_try_results(scope, version.course_id)
    figures = []
    for module in version.modules_in(version.language):
        for question in module.quiz.questions if module.quiz else ():
            tries, right = results.get((module.module_id, question.id), (0, 0))
            figures.append(
                QuestionFigures(module.title, question.id, plain_text(question.prompt_html), question.topics, tries, right)
            )
    return figures


def topic_figures(questions: list[QuestionFigures]) -> list[TopicFigures]:
    """Per topic tag: first-try answers and misses, most missed (by share) first."""
    topics: dict[str, TopicFigures] = {}
    for question in questions:
        for topic in question.topics:
            figures = topics.setdefault(topic, TopicFigures(topic))
            figures.questions.add(question.question_id)
            figures.tries += question.tries
            figures.missed += question.tries - question.right
    return sorted(topics.values(), key=lambda t: (-(t.missed / t.tries if t.tries else 0), t.topic))


@dataclass(frozen=True)
class FunnelStep:
    module_id: str
    title: str
    reached: int
    done: int


def module_funnel(scope: Scope, version: PublishedVersion) -> list[FunnelStep]:
    """Per module of the live version, in order: how many people opened it and finished it."""
    counts = funnel_counts(scope, version.course_id)
    steps = []
    for module in version.modules_in(version.language):
        figures = counts.get(module.module_id, defaultdict(int))
        reached = figures["opened"] if module.page_count else max(figures["opened"], figures["tried"])
        steps.append(FunnelStep(module.module_id, module.title, reached, figures[_finished(module)]))
    return steps


def _finished(module) -> str:
    """The figure that counts who finished the module, by the rule of learning.progress.module_is_done."""
    done = "passed" if module.quiz else "read" if module.page_count else "opened"
    if not module.scenarios:
        return done
    return "played" if done == "opened" else f"played_{done}"  # and every scenario played to a passing end
