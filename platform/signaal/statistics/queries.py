"""Read-only figures for coordinators, computed with aggregate SQL."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ..courses.models import Course, CourseVersion
from ..extensions import db
from ..learning.models import Enrolment


@dataclass(frozen=True)
class CourseFigures:
    course_id: str
    title: str
    started: int
    completed: int

    @property
    def completion_rate(self) -> int | None:
        return round(100 * self.completed / self.started) if self.started else None


def course_figures() -> list[CourseFigures]:
    """Per published course: how many participants started and completed it."""
    counts = (
        select(
            Enrolment.course_id,
            func.count().label("started"),
            func.count(Enrolment.completed_at).label("completed"),
        )
        .group_by(Enrolment.course_id)
        .subquery()
    )
    rows = db.session.execute(
        select(
            Course.id,
            CourseVersion.title,
            func.coalesce(counts.c.started, 0),
            func.coalesce(counts.c.completed, 0),
        )
        .join(CourseVersion, Course.current_version_id == CourseVersion.id)
        .outerjoin(counts, counts.c.course_id == Course.id)
        .order_by(CourseVersion.title)
    )
    return [CourseFigures(*row) for row in rows]
