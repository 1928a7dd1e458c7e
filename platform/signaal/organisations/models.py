"""Organisations (a municipality, an agency, a housing corporation) and who belongs to them.

A coordinator sees and manages only the organisations they are a member of;
participants belong to an organisation through membership as well. Inside an
organisation, a `Group` is one training cohort: people join it with its invite
link or short invite code, and it lists the courses assigned to them. A
`PendingImport` holds an uploaded participant list between "check" and
"import", so nothing is imported before the coordinator confirms.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import utcnow
from ..extensions import db


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("user_id", "organisation_id"),
        # Statistics select an organisation's people: organisation first, covering.
        Index("ix_memberships_organisation_user", "organisation_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)


class Group(db.Model):
    __tablename__ = "groups"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    # The link carries a long random token; the code is short enough for a whiteboard.
    invite_token: Mapped[str] = mapped_column(String(64), unique=True)
    invite_code: Mapped[str] = mapped_column(String(16), unique=True)
    expires_on: Mapped[date | None]  # the last day the invitation works
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    courses: Mapped[list[GroupCourse]] = relationship(cascade="all, delete-orphan")

    def expired(self, on: date) -> bool:
        return self.expires_on is not None and self.expires_on < on

    @property
    def course_ids(self) -> list[str]:
        return sorted(assignment.course_id for assignment in self.courses)


class GroupCourse(db.Model):
    """A course assigned to a group: its members count as enrolled in it."""

    __tablename__ = "group_courses"
    __table_args__ = (UniqueConstraint("group_id", "course_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"), index=True)


class GroupMember(db.Model):
    __tablename__ = "group_members"
    __table_args__ = (UniqueConstraint("group_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)


class PendingImport(db.Model):
    """An uploaded participant list, checked but not imported yet."""

    __tablename__ = "pending_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id"))
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    # [{"line": int, "name": str, "email": str | None, "language": str | None}, ...]
    rows: Mapped[list] = mapped_column(JSON)
    # [{"line": int, "reason": str}, ...]
    problems: Mapped[list] = mapped_column(JSON)
