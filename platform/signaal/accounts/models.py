"""People who use Signaal and what they may do.

A participant may be known only by a user name they chose: an e-mail address
is optional because many frontline and migrant workers will not give one.
"""

from __future__ import annotations

import enum
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import DDL, Index, String, and_, event, func, or_
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, validates
from werkzeug.security import check_password_hash, generate_password_hash

from ..clock import utcnow
from ..extensions import db
from .names import username_skeleton


class Role(enum.StrEnum):
    PARTICIPANT = "participant"
    TRAINER = "trainer"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored NFKC-normalised and case-folded so "Anna" and "anna" cannot both register.
    username: Mapped[str] = mapped_column(String(64), unique=True)
    # What the name looks like (Unicode's confusable skeleton, accounts/names.py): unique, so the
    # database itself refuses "аdmin" with a Cyrillic а next to "admin", also in a race.
    username_skeleton: Mapped[str | None] = mapped_column(String(256), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20), default=Role.PARTICIPANT.value, index=True)
    language: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set at each sign-in; with progress dates it tells the retention rule who is inactive.
    last_seen_at: Mapped[datetime | None]
    # The latest of the person's enrolments' last activity, kept with them (learning/last_activity.py), so
    # that a coordinator's participant list sorts by it without aggregating every enrolment.
    last_active_at: Mapped[datetime | None]
    # A deleted account stays as an anonymous row so statistics keep counting its progress
    # (see privacy/erasure.py); it can never sign in again.
    deleted_at: Mapped[datetime | None] = mapped_column(index=True)
    # Raised to end every session of the account at once (accounts/session.py).
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    # The password was set by someone else (printed, imported, reset): choose one before anything else.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa_false())

    @property
    def is_active(self) -> bool:
        # Flask-Login treats an inactive user as signed out, also on a device still holding a session.
        return self.deleted_at is None

    @validates("username")
    def _keep_skeleton(self, _key: str, username: str) -> str:
        # Every way a name is set (registration, import, demo data, erasure) keeps the skeleton in step.
        self.username_skeleton = username_skeleton(username)
        return username

    def get_id(self) -> str:
        # What Flask-Login keeps in the session and the remember-me cookie; see accounts/session.py.
        return f"{self.id}:{self.session_generation or 0}"

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(
            password, method=current_app.config["PASSWORD_HASH_METHOD"]
        )

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def has_role(self, *roles: Role) -> bool:
        return self.role in {role.value for role in roles}

    @property
    def sees_statistics(self) -> bool:
        return self.has_role(Role.COORDINATOR, Role.ADMIN)


# A coordinator's search finds a person by any part of their name or user name (statistics/people.py).
# On PostgreSQL trigram indexes answer that at region scale; SQLite has no such index and reads the
# organisation's members instead. The extension comes first: the migration makes it for `flask setup`,
# this listener for a database made from the models (tests).
for _column in (User.display_name, User.username):
    Index(
        f"ix_users_{_column.key}_trigram", _column, postgresql_using="gin", postgresql_ops={_column.key: "gin_trgm_ops"},
        info={"only_on": "postgresql"},
    ).ddl_if(dialect="postgresql")
event.listen(
    User.__table__, "before_create", DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql")
)


def listed_participant():
    """The people a coordinator's lists name: participants whose account is not erased (an erased one is counted, never listed)."""
    return and_(User.role == Role.PARTICIPANT.value, User.deleted_at.is_(None))


def not_listed():
    """Everyone else, written so the role and deletion indexes find them (`role <> 'participant'` reads every person)."""
    return or_(User.role.in_([role.value for role in Role if role is not Role.PARTICIPANT]), User.deleted_at.is_not(None))


# The participant list of an organisation (statistics/people.py) shows one page of its members in name or
# activity order. On PostgreSQL these indexes hold the listed people in those orders, so a page walks one
# and keeps the organisation's members: 2 ms instead of sorting all 10,000 members of a large organisation
# (30-50 ms at 100,000 people); the opposite order walks it backwards. SQLite reads the organisation's
# members and sorts them, fast enough there; its lower() is a Python function of ours, which an index
# cannot depend on.
for _name, _order in (
    ("ix_users_listed_by_name", func.lower(User.display_name)),
    ("ix_users_listed_by_activity", User.last_active_at.asc().nulls_first()),
):
    Index(
        _name, _order, User.id, postgresql_where=listed_participant(), info={"only_on": "postgresql"}
    ).ddl_if(dialect="postgresql")
