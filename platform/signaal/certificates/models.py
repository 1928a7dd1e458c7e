"""Completion certificates.

A certificate records exactly which published version was completed, in which
language, and the name the participant chose to show on it. Its code is random
and unguessable, so knowing one code tells nothing about another.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import utcnow
from ..extensions import db


class Certificate(db.Model):
    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("course_versions.id"))
    language: Mapped[str] = mapped_column(String(16))
    holder_name: Mapped[str] = mapped_column(String(200))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_on: Mapped[date | None]
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None]

    def status(self, on: date) -> str:
        """"revoked", "expired" or "valid" on the given day."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_on is not None and self.expires_on < on:
            return "expired"
        return "valid"
