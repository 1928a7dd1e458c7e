"""A participant's progress through courses.

`Enrolment` is the per-person, per-course summary (started, completed); it is
what statistics count. `ModuleProgress` remembers how far someone read in a
module and when they passed its quiz. Both are keyed by the stable course and
module ids, so a republished course keeps everyone's progress.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import utcnow
from ..extensions import db


class Enrolment(db.Model):
    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_active_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None]
    completed_version_id: Mapped[int | None] = mapped_column(ForeignKey("course_versions.id"))
    # Counts the times the course was taken (a restart to renew a certificate starts the next);
    # a certificate names the cycle it was earned in, and the database allows one per cycle.
    cycle: Mapped[int] = mapped_column(default=1, server_default="1")


class ModuleProgress(db.Model):
    __tablename__ = "module_progress"
    __table_args__ = (
        UniqueConstraint("user_id", "course_id", "module_id"),
        Index("ix_module_progress_course_module", "course_id", "module_id", "user_id"),  # the statistics funnel
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"))
    module_id: Mapped[str] = mapped_column(String(64))
    furthest_page: Mapped[int] = mapped_column(default=0)  # 1-based; 0 = not opened
    pages_done_at: Mapped[datetime | None]
    passed_at: Mapped[datetime | None]
    # When every scenario of the module had been played to a passing ending (in this cycle).
    scenarios_done_at: Mapped[datetime | None]
    # When a page of the module was last shown, to the minute: a re-read within the minute writes nothing.
    last_seen_at: Mapped[datetime | None]
    # Attempts at the module's quiz, ever (a restart keeps them): 0 means the next one is the first try.
    quiz_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
