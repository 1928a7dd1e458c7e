"""The quiz sheet: which questions one form asked, in which order, from which published version.

A quiz may ask fewer questions than it has (`draw`), and every form shows the
options in an order of its own, so guessing by position does not carry over
from one attempt to the next. The sheet records what the form showed and is
signed with the app's secret, so a participant cannot choose other questions
or another version, and the form is graded against exactly the version it was
rendered from, even after a republish. It travels as the form's one-time
token: no server-side state, so any app server can grade it.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from ..courses.compiled import Question, Quiz
from ..courses.published import PublishedModule

_SALT = "signaal.quiz-sheet"
_random = secrets.SystemRandom()


class UnknownSheet(ValueError):
    """A form token that this app did not sign, or that names nothing it can grade."""


@dataclass(frozen=True)
class QuizSheet:
    version_id: int
    language: str
    module_id: str
    token: str  # unique per form: a resubmission finds the attempt already made
    # (question id, shown order of its options as indices into the question's options)
    questions: tuple[tuple[str, tuple[int, ...]], ...]

    def signed(self) -> str:
        data = [self.version_id, self.language, self.module_id, self.token, [[q, list(o)] for q, o in self.questions]]
        return _serializer().dumps(data)

    def shown_quiz(self, quiz: Quiz) -> Quiz:
        """The quiz as this form shows it: the drawn questions, each with its options in the shown order."""
        by_id = {question.id: question for question in quiz.questions}
        shown = []
        for question_id, order in self.questions:
            question = by_id[question_id]
            shown.append(replace(question, options=tuple(question.options[i] for i in order)))
        return replace(quiz, questions=tuple(shown))

    def asked(self, quiz: Quiz) -> tuple[Question, ...]:
        """The drawn questions in their original form (options as written), for grading."""
        by_id = {question.id: question for question in quiz.questions}
        return tuple(by_id[question_id] for question_id, _order in self.questions)

    def original_indices(self, question_id: str, shown_positions: Iterable[int]) -> list[int]:
        order = dict(self.questions)[question_id]
        return sorted(order[position] for position in shown_positions)

    def shown_positions(self, question_id: str, original: Iterable[int]) -> list[int]:
        order = dict(self.questions)[question_id]
        return sorted(order.index(index) for index in original)


def draw_sheet(module: PublishedModule, earlier_answers: Iterable[dict]) -> QuizSheet:
    """A new sheet for the module's quiz: questions asked least often before come first, options shuffled.

    `earlier_answers` are the participant's earlier attempts' answers (question id
    -> chosen options), so a retry asks other questions where the pool allows.
    """
    quiz = module.quiz
    count = quiz.asked
    asked_before = Counter(question_id for answers in earlier_answers for question_id in answers)
    ranked = sorted(quiz.questions, key=lambda q: (asked_before[q.id], _random.random()))
    drawn = {question.id for question in ranked[:count]}
    questions = tuple(
        (question.id, _shuffled(len(question.options))) for question in quiz.questions if question.id in drawn
    )
    return QuizSheet(
        version_id=module.version.id,
        language=module.language,
        module_id=module.module_id,
        token=secrets.token_urlsafe(24),
        questions=questions,
    )


def read_sheet(signed: str) -> QuizSheet:
    """The sheet a form carried; raises UnknownSheet when it was not signed here or is malformed."""
    try:
        version_id, language, module_id, token, questions = _serializer().loads(signed)
        return QuizSheet(
            version_id=int(version_id),
            language=str(language),
            module_id=str(module_id),
            token=str(token),
            questions=tuple((str(q), tuple(int(i) for i in order)) for q, order in questions),
        )
    except (BadSignature, TypeError, ValueError):
        raise UnknownSheet("not a quiz form of this site") from None


def sheet_fits(sheet: QuizSheet, module: PublishedModule | None) -> bool:
    """Whether the sheet's questions and option orders exist in the module it names."""
    if module is None or module.quiz is None:
        return False
    by_id = {question.id: question for question in module.quiz.questions}
    return bool(sheet.questions) and all(
        question_id in by_id and sorted(order) == list(range(len(by_id[question_id].options)))
        for question_id, order in sheet.questions
    )


def _shuffled(count: int) -> tuple[int, ...]:
    order = list(range(count))
    _random.shuffle(order)
    return tuple(order)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=_SALT)
