"""Deleting an account: the person's data goes, the anonymous counts stay.

Kept, pointing at the anonymous row: the role, enrolments, module progress,
quiz attempts (chosen options only), organisation and group memberships — so
an organisation's totals stay right. Certificates keep their code and course, so
a printed copy still verifies ("issued, holder data removed"), but lose the
holder's name. Removed: user name, display name, e-mail, password, language,
last sign-in and the name chosen for certificates.
"""

from __future__ import annotations

import secrets

from blinker import Namespace
from sqlalchemy import delete, update

from ..accounts.models import User
from ..audit.log import record
from ..certificates.models import Certificate, CertificateName
from ..clock import utcnow
from ..extensions import db

# Domains that keep more personal data about a person connect here and remove it
# (the receiver gets the user, still with their id, inside the deleting transaction).
signals = Namespace()
account_erasing = signals.signal("account-erasing")

UNUSABLE_PASSWORD = "!"  # not a hash format: no password can ever match it


def erase_account(user: User, *, by: User | None, reason: str) -> None:
    """Anonymise the account and everything that names the person; commit with an audit entry.

    `by` is who did it: the person themself, an administrator, or None for a command.
    """
    account_erasing.send(user)
    db.session.execute(
        update(Certificate).where(Certificate.user_id == user.id).values(holder_name="")
    )
    db.session.execute(delete(CertificateName).where(CertificateName.user_id == user.id))
    user.username = f"deleted-{secrets.token_hex(8)}"
    user.display_name = ""
    user.email = None
    user.password_hash = UNUSABLE_PASSWORD
    user.language = None
    user.last_seen_at = None
    user.deleted_at = utcnow()
    # The audit entry names the anonymous row, never the person who was there.
    record(user if by is user else by, "account.delete", f"user:{user.id}", reason=reason)
    db.session.flush()
