"""Writing to the audit log."""

from __future__ import annotations

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
