"""Writing to the audit log."""

from __future__ import annotations

import json

from sqlalchemy import Text, cast, func, or_, select, update

from ..accounts.models import User
from ..extensions import db
from .models import AuditEntry

COMMAND_LINE = "(command line)"


def record(actor: User | None, action: str, target: str, **details) -> AuditEntry:
    """Add an audit entry to the current transaction (the caller commits with its change)."""
    entry = AuditEntry(
        actor_id=actor.id if actor else None,
        actor_name=actor.username if actor else COMMAND_LINE,
        action=action,
        target=target,
        details=details,
    )
    db.session.add(entry)
    return entry


REMOVED = "(removed)"


def forget_person(user: User, *, personal: list[str], anonymous_name: str, **_erasing) -> None:
    """On account deletion: entries keep what happened, but no longer who it happened to.

    The person's own actions are listed under the anonymous name; any detail that
    contains their user name, name or e-mail becomes "(removed)".
    """
    db.session.execute(
        update(AuditEntry).where(AuditEntry.actor_id == user.id).values(actor_name=anonymous_name)
    )
    if not personal:
        return
    text = func.lower(cast(AuditEntry.details, Text))
    # JSON may store a name as written or with \u escapes, depending on the database.
    spellings = {s.lower() for p in personal for s in (p, json.dumps(p)[1:-1])}
    naming = or_(*(text.contains(spelling, autoescape=True) for spelling in spellings))
    for entry in db.session.scalars(select(AuditEntry).where(naming)):
        entry.details = _without(entry.details, [p.casefold() for p in personal])


def _without(value, personal: list[str]):
    if isinstance(value, dict):
        return {key: _without(item, personal) for key, item in value.items()}
    if isinstance(value, list):
        return [_without(item, personal) for item in value]
    if isinstance(value, str) and any(p in value.casefold() for p in personal):
        return REMOVED
    return value
