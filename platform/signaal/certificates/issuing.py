"""Issuing a certificate when a participant completes a course.

Completing a course gives a certificate for it. Completing a course that is
the `refresher` of another course the participant already holds a
certificate for renews that certificate instead: the new certificate
certifies the main course, records the refresher version that was completed,
and points at the certificate it renews.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..accounts.models import User
from ..clock import today
from ..courses.catalogue import live_version
from ..courses.models import Course, CourseVersion
from ..courses.published import PublishedVersion
from ..extensions import db
from ..learning.models import Enrolment
from ..learning.signals import course_completed
from .codes import generate_code
from .models import Certificate
from .naming import name_for_new_certificate
from .records import latest_certificate


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day when that day does not exist."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return start.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def issue_certificate(
    user: User,
    version: PublishedVersion,
    language: str,
    *,
    enrolment: Enrolment | None = None,
    course_id: str | None = None,
) -> Certificate:
    """Add a certificate to the current transaction.

    `version` is what was completed, in `enrolment`'s current cycle; `course_id`
    the course certified, when that is not the version's own course (a renewal
    through a refresher). The database refuses a second certificate for the
    same course from the same completion. Without an enrolment (a certificate
    given outside a completion, as some tests do) nothing guards against a second.
    """
    course_id = course_id or version.course_id
    certified = version if course_id == version.course_id else live_version(course_id)
    months = certified.certificate_valid_months if certified else None
    previous = latest_certificate(user, course_id)
    issued_on = today()
    certificate = Certificate(
        # 80 random bits: a collision is practically impossible, and the unique index would refuse it.
        code=generate_code(),
        user_id=user.id,
        course_id=course_id,
        version_id=version.id,
        language=language,
        holder_name=name_for_new_certificate(user),
        expires_on=add_months(issued_on, months) if months else None,
        renews_id=previous.id if previous else None,
        enrolment_id=enrolment.id if enrolment else None,
        cycle=enrolment.cycle if enrolment else None,
    )
    db.session.add(certificate)
    return certificate


def courses_refreshed_by(user: User, refresher_id: str) -> list[str]:
    """Courses the participant holds a certificate for that name this course as their refresher."""
    return list(
        db.session.scalars(
            select(Course.id)
            .join(CourseVersion, Course.current_version_id == CourseVersion.id)
            .where(CourseVersion.refresher == refresher_id, Course.id != refresher_id)
            .where(
                Course.id.in_(
                    select(Certificate.course_id).where(
                        Certificate.user_id == user.id, Certificate.revoked_at.is_(None)
                    )
                )
            )
            .order_by(Course.id)
        )
    )


def _on_course_completed(sender, *, user, version, language, enrolment, **extra) -> None:
    renewed = courses_refreshed_by(user, version.course_id)
    for course_id in renewed:
        issue_certificate(user, version, language, enrolment=enrolment, course_id=course_id)
    if not renewed:
        issue_certificate(user, version, language, enrolment=enrolment)


def listen_for_completions() -> None:
    # blinker keeps one connection per receiver, so calling this for every app is harmless.
    course_completed.connect(_on_course_completed)
