"""Remembering when someone last signed in: the retention rule needs it."""

from __future__ import annotations

from flask_login import user_logged_in

from ..clock import utcnow
from ..extensions import db


def remember_sign_ins() -> None:
    """Stamp `last_seen_at` at every sign-in (registration included)."""
    user_logged_in.connect(_signed_in, weak=False)


def _signed_in(_app, user, **_extra) -> None:
    user.last_seen_at = utcnow()
    db.session.flush()
