"""Quiz attempts, graded on the server.

An attempt is created from a form that carries a one-time token; the token is
unique per participant, so a double click or a resubmission from the back
button finds the attempt already made instead of creating a second one.
`QuestionResult` keeps one row per answered question so statistics can find
the questions and topics people get wrong on their first try.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import utcnow
from ..extensions import db


class QuizAttempt(db.Model):
    __tablename__ = "quiz_attempts"
    __table_args__ = (
        UniqueConstraint("user_id", "form_token"),
        # Statistics read each person's first try at each quiz.
        Index("ix_quiz_attempts_first_try", "first_try", "course_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"))
    module_id: Mapped[str] = mapped_column(String(64))
    version_id: Mapped[int] = mapped_column(ForeignKey("course_versions.id"))
    language: Mapped[str] = mapped_column(String(16))
    form_token: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    correct_count: Mapped[int]
    question_count: Mapped[int]
    passed: Mapped[bool]
    # The person's first attempt at this module's quiz. Stored, not derived, so
    # statistics over millions of attempts need no grouping to find them.
    first_try: Mapped[bool]
    # question id -> list of chosen option indices, as submitted
    answers: Mapped[dict] = mapped_column(JSON)

    results: Mapped[list[QuestionResult]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan"
    )

    @property
    def score_percent(self) -> int:
        if not self.question_count:
            return 100
        return round(100 * self.correct_count / self.question_count)


class QuestionResult(db.Model):
    __tablename__ = "question_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("quiz_attempts.id"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    correct: Mapped[bool]

    attempt: Mapped[QuizAttempt] = relationship(back_populates="results")
