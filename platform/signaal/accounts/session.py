"""Signing people in and out."""

from __future__ import annotations

from flask import session
from flask_login import login_user, logout_user

from ..extensions import db
from .models import User


def load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    return db.session.get(User, int(user_id))


def sign_in(user: User) -> None:
    """Start a fresh session for the user, so a session id planted before login is useless."""
    session.clear()
    login_user(user)


def sign_out() -> None:
    logout_user()
    session.clear()
