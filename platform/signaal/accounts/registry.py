"""Creating accounts and finding them by user name."""

from __future__ import annotations

import secrets
from functools import lru_cache

from flask import current_app
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from .models import Role, User


class UsernameTaken(ValueError):
    pass


def normalise_username(username: str) -> str:
    return username.strip().casefold()


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == normalise_username(username)))


def authenticate(username: str, password: str) -> User | None:
    """The account with this name and password, or None."""
    user = find_user(username)
    if user is None:
        # Hash anyway, so an unknown name takes as long as a wrong password and
        # response times do not tell which user names exist.
        check_password_hash(_stand_in_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return None
    return user if user.check_password(password) else None


@lru_cache
def _stand_in_hash(method: str) -> str:
    return generate_password_hash(secrets.token_urlsafe(16), method=method)


def create_user(
    username: str,
    password: str,
    *,
    role: Role = Role.PARTICIPANT,
    display_name: str | None = None,
    email: str | None = None,
    language: str | None = None,
) -> User:
    """Add an account; raise UsernameTaken when the name is in use."""
    if find_user(username) is not None:
        raise UsernameTaken(username)
    user = User(
        username=normalise_username(username),
        display_name=(display_name or username).strip(),
        email=(email or "").strip() or None,
        role=Role(role).value,
        language=language,
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def set_language(user: User, language: str) -> None:
    """Remember the interface language the person chose, for every device they sign in on."""
    user.language = language
    db.session.flush()


def one_time_password() -> str:
    """A random password to hand out once (e.g. the first administrator's)."""
    return secrets.token_urlsafe(12)
