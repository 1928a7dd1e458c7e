"""Issuing a certificate when a participant completes a course."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..accounts.models import User
from ..clock import today
from ..courses.models import CourseVersion
from ..extensions import db
from ..learning.signals import course_completed
from .codes import generate_code
from .models import Certificate


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


def _unused_code() -> str:
    # 80 random bits make a collision practically impossible; checking costs one query.
    while True:
        code = generate_code()
        if db.session.scalar(select(Certificate.id).where(Certificate.code == code)) is None:
            return code


def issue_certificate(user: User, version: CourseVersion, language: str) -> Certificate:
    """Add a certificate for the completed version to the current transaction."""
    issued_on = today()
    months = version.certificate_valid_months
    certificate = Certificate(
        code=_unused_code(),
        user_id=user.id,
        course_id=version.course_id,
        version_id=version.id,
        language=language,
        holder_name=user.display_name,
        expires_on=add_months(issued_on, months) if months else None,
    )
    db.session.add(certificate)
    return certificate


def _on_course_completed(sender, *, user, version, language, **extra) -> None:
    issue_certificate(user, version, language)


def listen_for_completions() -> None:
    # blinker keeps one connection per receiver, so calling this for every app is harmless.
    course_completed.connect(_on_course_completed)


def certificates_of(user: User) -> list[Certificate]:
    return list(
        db.session.scalars(
            select(Certificate).where(Certificate.user_id == user.id).order_by(Certificate.issued_at.desc())
        )
    )
