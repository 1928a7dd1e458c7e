"""People who use Signaal and what they may do.

A participant may be known only by a user name they chose: an e-mail address
is optional because many frontline and migrant workers will not give one.
"""

from __future__ import annotations

import enum
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from ..clock import utcnow
from ..extensions import db


class Role(enum.StrEnum):
    PARTICIPANT = "participant"
    TRAINER = "trainer"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored case-folded so "Anna" and "anna" cannot both register.
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20), default=Role.PARTICIPANT.value, index=True)
    language: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set at each sign-in; with progress dates it tells the retention rule who is inactive.
    last_seen_at: Mapped[datetime | None]
    # A deleted account stays as an anonymous row so statistics keep counting its progress
    # (see privacy/erasure.py); it can never sign in again.
    deleted_at: Mapped[datetime | None] = mapped_column(index=True)

    @property
    def is_active(self) -> bool:
        # Flask-Login treats an inactive user as signed out, also on a device still holding a session.
        return self.deleted_at is None

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
