"""The audit log: who did which administrative action, to what, and when.

Entries are only ever added. The actor is kept as a name as well as an id, so
the log stays readable after an account is deleted.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import utcnow
from ..extensions import db


class AuditEntry(db.Model):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(64))  # "(command line)" for CLI actions
    action: Mapped[str] = mapped_column(String(64), index=True)  # e.g. "certificate.revoke"
    target: Mapped[str] = mapped_column(String(200))  # e.g. "certificate:7K3M-…"
    details: Mapped[dict] = mapped_column(JSON, default=dict)
