"""Signing people in and out, with sessions the server can end.

Sessions are signed cookies, which the server cannot delete from a browser.
So every account carries a session generation in the database: the cookie
holds "user id:generation" (as does a remember-me cookie, through
`User.get_id`), and the user loader accepts it only while the account's
generation is still the same. Raising the generation (`end_all_sessions`)
ends every session of that account at once, on every device and every app
server, because the state lives in the database. It is raised on sign-out,
password change or reset, role change and account deletion.
"""

from __future__ import annotations

from flask import session
from flask_login import login_user, logout_user

from ..extensions import db
from ..security import whole_number
from .models import User


def load_user(session_id: str) -> User | None:
    """The signed-in account, if this session (or remember-me cookie) is still current."""
    user_part, _sep, generation_part = session_id.partition(":")
    user_id, generation = whole_number(user_part), whole_number(generation_part, largest=2**62)
    if not user_id or generation is None:
        return None  # also a cookie from before generations existed: signed out
    user = db.session.get(User, user_id)
    if user is None or user.session_generation != generation:
        return None
    return user


def sign_in(user: User) -> None:
    """Start a fresh session for the user, so a session id planted before login is useless."""
    session.clear()
    session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME, not "when the browser closes"
    login_user(user)


def end_all_sessions(user: User) -> None:
    """End every session and remember-me cookie of the account, on every device."""
    user.session_generation = (user.session_generation or 0) + 1
    db.session.flush()


def sign_out(user: User | None = None) -> None:
    """Sign out of this browser; with a user, end that account's other sessions as well."""
    if user is not None:
        end_all_sessions(user)
    logout_user()
    session.clear()


def forget_sessions(user: User, **_erasing) -> None:
    """On account deletion: every device holding a session is signed out."""
    end_all_sessions(user)
