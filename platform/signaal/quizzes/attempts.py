"""Recording quiz attempts, once per submitted form."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..courses.models import CourseModule
from ..extensions import db
from ..learning.progress import record_quiz_attempted, record_quiz_passed
from .grading import Grade
from .models import QuestionResult, QuizAttempt


def new_form_token() -> str:
    """A one-time token for a quiz form, so a resubmission is recognised."""
    return secrets.token_urlsafe(24)


def attempt_for_token(user: User, form_token: str) -> QuizAttempt | None:
    return db.session.scalar(
        select(QuizAttempt).where(QuizAttempt.user_id == user.id, QuizAttempt.form_token == form_token)
    )


def record_attempt(user: User, module: CourseModule, form_token: str, grade: Grade) -> QuizAttempt:
    """Store a graded attempt, or return the one this form already produced."""
    existing = attempt_for_token(user, form_token)
    if existing is not None:
        return existing
    attempt = QuizAttempt(
        user_id=user.id,
        course_id=module.version.course_id,
        module_id=module.module_id,
        version_id=module.version_id,
        language=module.language,
        form_token=form_token,
        correct_count=grade.correct_count,
        question_count=len(grade.correct),
        passed=grade.passed,
        first_try=not _has_tried(user, module),
        answers=grade.answers,
        results=[QuestionResult(question_id=qid, correct=ok) for qid, ok in grade.correct.items()],
    )
    try:
        with db.session.begin_nested():
            db.session.add(attempt)
    except IntegrityError:
        # The same form arrived twice at once: the other request stored it.
        return attempt_for_token(user, form_token)
    if grade.passed:
        record_quiz_passed(user, module)
    else:
        record_quiz_attempted(user, module.version.course_id)
    return attempt


def _has_tried(user: User, module: CourseModule) -> bool:
    earlier = select(QuizAttempt.id).where(
        QuizAttempt.user_id == user.id,
        QuizAttempt.course_id == module.version.course_id,
        QuizAttempt.module_id == module.module_id,
    )
    return db.session.scalar(earlier.limit(1)) is not None


def attempts_of(user: User, course_id: str, module_id: str) -> list[QuizAttempt]:
    return list(
        db.session.scalars(
            select(QuizAttempt)
            .where(
                QuizAttempt.user_id == user.id,
                QuizAttempt.course_id == course_id,
                QuizAttempt.module_id == module_id,
            )
            .order_by(QuizAttempt.submitted_at)
        )
    )
