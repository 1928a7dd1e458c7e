"""Creating accounts, finding them by user name, and their passwords."""

from __future__ import annotations

import secrets
from functools import lru_cache

from flask import current_app
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from .models import Role, User
from .names import normalise_username, username_skeleton
from .session import end_all_sessions


class UsernameTaken(ValueError):
    """The name, or one that looks the same (`look_alike`), is in use."""

    def __init__(self, username: str, *, look_alike: bool = False):
        super().__init__(username)
        self.look_alike = look_alike


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == normalise_username(username)))


def check_username_free(username: str) -> None:
    """Raise UsernameTaken when the name or a look-alike of it is in use."""
    name, skeleton = normalise_username(username), username_skeleton(username)
    holder = db.session.scalar(
        select(User.username).where(or_(User.username == name, User.username_skeleton == skeleton)).limit(1)
    )
    if holder is not None:
        raise UsernameTaken(username, look_alike=holder != name)


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
    chosen_by_owner: bool = True,
) -> User:
    """Add an account (flushed, not committed); raise UsernameTaken when the name is in use.

    `chosen_by_owner=False`: someone else set the password (printed once by a
    command), so the person must choose their own at the next sign-in.
    """
    check_username_free(username)
    user = User(
        username=normalise_username(username),
        display_name=(display_name or username).strip(),
        email=(email or "").strip() or None,
        role=Role(role).value,
        language=language,
        must_change_password=not chosen_by_owner,
    )
    user.set_password(password)
    try:
        # Two registrations of look-alike names at once: the unique skeleton keeps one.
        with db.session.begin_nested():
            db.session.add(user)
    except IntegrityError:
        raise UsernameTaken(username, look_alike=True) from None
    db.session.flush()
    return user


def change_password(user: User, password: str) -> None:
    """Set a password the person chose themself, ending every other session of the account."""
    user.set_password(password)
    user.must_change_password = False
    end_all_sessions(user)


def change_role(user: User, role: Role) -> None:
    """Give the account another role; its sessions end, so no page keeps the old rights."""
    user.role = Role(role).value
    end_all_sessions(user)


def set_language(user: User, language: str) -> None:
    """Remember the interface language the person chose, for every device they sign in on."""
    user.language = language
    db.session.flush()


def one_time_password() -> str:
    """A random password to hand out once (e.g. the first administrator's)."""
    return secrets.token_urlsafe(12)
