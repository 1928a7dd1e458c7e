"""Which published modules are due for a review of their facts.

Laws, amounts and phone numbers change. Each module says when its facts were
last checked (`reviewed:` in its front matter); a module checked longer ago
than the configured number of months, or never, is due. Only the live version
in the source language counts: translations follow the source.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sqlalchemy import or_, select

from ..extensions import db
from .content_gate import months_before
from .models import Course, CourseModule, CourseVersion

__all__ = ["DueModule", "modules_due_for_review", "months_before"]


@dataclass(frozen=True)
class DueModule:
    course_id: str
    course_title: str
    module_id: str
    module_title: str
    reviewed: datetime.date | None  # None: the module has no reviewed: date


def modules_due_for_review(today: datetime.date, months: int) -> list[DueModule]:
    """The live modules reviewed more than `months` months before today, or never, by course and position."""
    cutoff = months_before(today, months)
    rows = db.session.execute(
        select(CourseVersion.course_id, CourseVersion.title, CourseModule.module_id, CourseModule.title, CourseModule.reviewed)
        .join(Course, Course.current_version_id == CourseVersion.id)
        .join(CourseModule, CourseModule.version_id == CourseVersion.id)
        .where(CourseModule.language == CourseVersion.language)
        .where(or_(CourseModule.reviewed.is_(None), CourseModule.reviewed < cutoff))
        .order_by(CourseVersion.course_id, CourseModule.position)
    )
    return [DueModule(*row) for row in rows]
