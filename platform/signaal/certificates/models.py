"""Completion certificates.

A certificate records which course it certifies, exactly which published
version was completed to earn it (the course itself, or its refresher when
the certificate renews an earlier one), the language, and the name the
participant chose to show on it. Its code is random and unguessable, so
knowing one code tells nothing about another.

A renewal is a new certificate pointing at the one it renews; the old one is
never changed, so it stays verifiable (as expired) with its own dates.

The name can be changed until the certificate is first downloaded: after
that a printed or shared copy exists, and the verification page must keep
agreeing with it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import utcnow
from ..extensions import db

NAME_LENGTH = 200


class Certificate(db.Model):
    __tablename__ = "certificates"
    # One certificate per course certified per completion, whatever races: two tabs, two servers.
    __table_args__ = (UniqueConstraint("enrolment_id", "cycle", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"), index=True)  # the course certified
    version_id: Mapped[int] = mapped_column(ForeignKey("course_versions.id"))  # the version completed
    language: Mapped[str] = mapped_column(String(16))
    # The completion that earned it: the enrolment (in the completed course) and its cycle.
    # Empty for certificates issued before Signaal recorded it.
    enrolment_id: Mapped[int | None] = mapped_column(ForeignKey("enrolments.id", ondelete="SET NULL"))
    cycle: Mapped[int | None]
    # "" once the holder's account was deleted: the certificate stays verifiable without a name.
    holder_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_on: Mapped[date | None] = mapped_column(index=True)  # "expiring within N days" lists
    renews_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"), index=True)  # "is it renewed?"
    first_downloaded_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None]

    def status(self, on: date) -> str:
        """"revoked", "expired" or "valid" on the given day."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_on is not None and self.expires_on < on:
            return "expired"
        return "valid"

    @property
    def name_can_change(self) -> bool:
        return self.first_downloaded_at is None and self.revoked_at is None


class CertificateName(db.Model):
    """The name a participant wants on their future certificates, if not their account name."""

    __tablename__ = "certificate_names"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
