"""Answer quizzes as a participant would: by which options are right, not by where they stand.

Every quiz form shows its options in an order of its own (and may ask only some
of the questions); the form's signed sheet says which. These helpers take
answers given as option indices *as written in the course* and turn them into
the form fields of the form at hand.
"""

from __future__ import annotations

import re

from itsdangerous import URLSafeSerializer

from signaal.courses.catalogue import version_by_id


def module_row(version, module_id: str, language: str | None = None):
    """The published module (read model) of a version, in its source language unless another is asked."""
    return version_by_id(version.id).module(language or version.language, module_id)


def right_answers(module) -> dict[str, list[str]]:
    return {
        f"answer-{q.id}": [str(i) for i, o in enumerate(q.options) if o.correct]
        for q in module.quiz.questions
    }


def wrong_answers(module) -> dict[str, list[str]]:
    return {
        f"answer-{q.id}": [str(next(i for i, o in enumerate(q.options) if not o.correct))]
        for q in module.quiz.questions
    }


def form_token(html: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def asked_questions(html: str) -> dict[str, tuple[int, ...]]:
    """Question id -> the order its options are shown in, from the form's sheet (signed, not secret)."""
    _valid, payload = URLSafeSerializer("").loads_unsafe(form_token(html))
    return {question_id: tuple(order) for question_id, order in payload[4]}


def form_fields(html: str, answers: dict[str, list[str]]) -> dict[str, object]:
    """The fields to post for `answers` (indices as written) on the quiz form in `html`.

    Questions the form did not ask are left out.
    """
    shown = asked_questions(html)
    fields: dict[str, object] = {"form_token": form_token(html)}
    for field, values in answers.items():
        question_id = field.removeprefix("answer-")
        if question_id in shown:
            fields[field] = [_shown_position(shown[question_id], value) for value in values]
    return fields


def _shown_position(order: tuple[int, ...], value: str) -> str:
    # A value that names no option (a forged one, in a test) is sent as it is.
    return str(order.index(int(value))) if value.isdecimal() and int(value) in order else value


def take_quiz(client, course_id: str, module_id: str, answers: dict[str, list[str]]):
    """Open the quiz as the signed-in participant and submit these answers (indices as written); the response."""
    url = f"/courses/{course_id}/{module_id}/quiz"
    page = client.get(url).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post(url, data={"csrf_token": csrf, **form_fields(page, answers)})
