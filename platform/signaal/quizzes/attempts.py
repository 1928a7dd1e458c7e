"""Recording quiz attempts, once per submitted form."""

from __future__ import annotations

from sqlalchemy import insert, select

from ..accounts.models import User
from ..courses.published import PublishedModule, PublishedVersion
from ..extensions import db
from ..learning.progress import record_quiz_attempt
from .grading import Grade
from .models import QuestionResult, QuizAttempt


def attempt_for_token(user: User, form_token: str) -> QuizAttempt | None:
    return db.session.scalar(
        select(QuizAttempt).where(QuizAttempt.user_id == user.id, QuizAttempt.form_token == form_token)
    )


def record_attempt(
    user: User, module: PublishedModule, form_token: str, grade: Grade, *, live: PublishedVersion
) -> QuizAttempt:
    """Store a graded attempt with the progress, completion and certificate it brings, and flush.

    `module` is what the form showed (possibly an older version than `live`).
    A second attempt from the same form fails on the database's unique
    (user, form token) constraint with IntegrityError: the caller rolls back
    and shows the attempt the first submission stored.
    """
    progress = record_quiz_attempt(user, module, passed=grade.passed, live=live)
    attempt = QuizAttempt(
        user_id=user.id,
        course_id=module.course_id,
        module_id=module.module_id,
        version_id=module.version.id,
        language=module.language,
        form_token=form_token,
        correct_count=grade.correct_count,
        question_count=len(grade.correct),
        passed=grade.passed,
        first_try=progress.quiz_attempts == 1,
        answers=grade.answers,
    )
    db.session.add(attempt)
    db.session.flush()
    # One statement for all the question results (statistics read them; nothing here needs their ids).
    db.session.execute(
        insert(QuestionResult),
        [dict(attempt_id=attempt.id, question_id=qid, correct=ok) for qid, ok in grade.correct.items()],
    )
    return attempt


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
