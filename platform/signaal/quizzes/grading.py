"""Grading a quiz on the server: the browser never sees the answer key before answering."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from ..courses.compiled import Question
from .kinds import InvalidAnswer, kind_of


@dataclass(frozen=True)
class Grade:
    answers: dict[str, list[int]]  # question id -> chosen option indices (as written in the course)
    correct: dict[str, bool]  # question id -> right or not
    passed: bool

    @property
    def correct_count(self) -> int:
        return sum(self.correct.values())


def field_name(question: Question) -> str:
    return f"answer-{question.id}"


def read_answers(questions: Sequence[Question], form: MultiDict) -> tuple[dict[str, list[int]], list[str]]:
    """The chosen options per question (positions as the form showed them), and the unanswered questions' ids.

    Raises InvalidAnswer for values no honest form sends.
    """
    answers, unanswered = {}, []
    for question in questions:
        values = form.getlist(field_name(question))
        chosen = kind_of(question).parse_answer(values, len(question.options))
        if chosen:
            answers[question.id] = list(chosen)
        else:
            unanswered.append(question.id)
    return answers, unanswered


def grade(questions: Sequence[Question], answers: dict[str, list[int]], pass_mark: int) -> Grade:
    """Mark every question asked and decide whether the pass mark (a percentage) is reached."""
    correct = {
        question.id: kind_of(question).is_correct(tuple(answers.get(question.id, ())), question)
        for question in questions
    }
    total = len(correct)
    passed = total == 0 or 100 * sum(correct.values()) >= pass_mark * total
    return Grade(answers=answers, correct=correct, passed=passed)


__all__ = ["Grade", "InvalidAnswer", "field_name", "grade", "read_answers"]
