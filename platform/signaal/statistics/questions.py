"""Which questions and topics people get wrong on their first try, and how far they get.

The counting is SQL (one row per question or module comes back); matching the
rows to the live version's question texts and topic tags is done here, over
those few rows.
"""

from __future__ import annotations

import html as entities
import re
from dataclasses import dataclass, field

from sqlalchemy import case, func, select

from ..courses.published import PublishedVersion
from ..extensions import db
from ..learning.models import ModuleProgress
from ..quizzes.models import QuestionResult, QuizAttempt
from .scoping import Scope
from .sql import first_attempt_ids

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


def first_try_results(scope: Scope, course_id: str) -> dict[tuple[str, str], tuple[int, int]]:
    """(module id, question id) -> (first tries, right on the first try)."""
    first = first_attempt_ids(scope.people(), course_id)
    right = func.sum(case((QuestionResult.correct, 1), else_=0))
    rows = db.session.execute(
        select(QuizAttempt.module_id, QuestionResult.question_id, func.count(), right)
        .join(QuizAttempt, QuizAttempt.id == QuestionResult.attempt_id)
        .join(first, first.c.id == QuizAttempt.id)
        .group_by(QuizAttempt.module_id, QuestionResult.question_id)
    )
    return {(module_id, question_id): (tries, int(right or 0)) for module_id, question_id, tries, right in rows}


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
    people = scope.people()
    progress = {
        module_id: (opened, passed, read)
        for module_id, opened, passed, read in db.session.execute(
            select(
                ModuleProgress.module_id,
                func.count(),
                func.count(ModuleProgress.passed_at),
                func.count(ModuleProgress.pages_done_at),
            )
            .where(ModuleProgress.course_id == version.course_id, ModuleProgress.user_id.in_(people))
            .group_by(ModuleProgress.module_id)
        )
    }
    # A module with only a quiz has no pages to open: trying its quiz is reaching it.
    tried = dict(
        db.session.execute(
            select(QuizAttempt.module_id, func.count(func.distinct(QuizAttempt.user_id)))
            .where(QuizAttempt.course_id == version.course_id, QuizAttempt.user_id.in_(people))
            .group_by(QuizAttempt.module_id)
        ).all()
    )
    steps = []
    for module in version.modules_in(version.language):
        opened, passed, read = progress.get(module.module_id, (0, 0, 0))
        reached = opened if module.page_count else max(opened, tried.get(module.module_id, 0))
        steps.append(FunnelStep(module.module_id, module.title, reached, passed if module.quiz else read))
    return steps
