"""Revoking a certificate: by an admin, or by a coordinator of the holder's organisation.

The reason goes to the audit log and stays on the certificate for the people
who manage it; the public verification page only says "revoked" and when,
because a reason may say more about the holder than they chose to show.
"""

from __future__ import annotations

from ..accounts.models import Role, User
from ..audit.log import record
from ..clock import utcnow
from ..extensions import db
from ..organisations.scope import coordinates
from .models import Certificate

REASON_LENGTH = 500


class AlreadyRevoked(ValueError):
    pass


def may_revoke(actor: User, certificate: Certificate) -> bool:
    if actor.has_role(Role.ADMIN):
        return True
    holder = db.session.get(User, certificate.user_id)
    # A deleted holder belongs to no organisation any more: only an admin can act.
    return holder is not None and coordinates(actor, holder)


def revoke_certificate(actor: User, certificate: Certificate, reason: str) -> None:
    """Revoke the certificate and record who did it and why, in one transaction."""
    if not may_revoke(actor, certificate):
        raise PermissionError(certificate.code)
    if certificate.revoked_at is not None:
        raise AlreadyRevoked(certificate.code)
    certificate.revoked_at = utcnow()
    certificate.revoked_reason = reason
    record(actor, "certificate.revoke", f"certificate:{certificate.code}", reason=reason)
    db.session.flush()
