"""Deleting an account: the person's data goes, the anonymous counts stay.

Kept, pointing at the anonymous row: the role, enrolments, module progress,
quiz attempts (chosen options only), organisation and group memberships — so
an organisation's totals stay right. Certificates keep their code and course, so
a printed copy still verifies ("issued, holder data removed"), but lose the
holder's name. Removed: user name, display name, e-mail, password, language,
last sign-in and the name chosen for certificates; through the listeners on
`account_erasing`: every session, the person's name in audit entries, and
participant lists awaiting import that name them.
"""

from __future__ import annotations

import secrets

from blinker import Namespace
from sqlalchemy import delete, select, update

from ..accounts.models import User
from ..audit.log import record
from ..certificates.models import Certificate, CertificateName
from ..clock import utcnow
from ..extensions import db

# Domains that keep more personal data about a person connect here and remove it.
# A receiver gets the user (still with their id and details), `personal`: every
# text that identifies them (user name, display name, e-mail, certificate name),
# and `anonymous_name`: the name the account is known by from now on. It runs
# inside the deleting transaction and must not commit.
signals = Namespace()
account_erasing = signals.signal("account-erasing")

UNUSABLE_PASSWORD = "!"  # not a hash format: no password can ever match it


def connect_erasure_listeners() -> None:
    """Let each domain that keeps personal data remove it when an account is erased."""
    from ..accounts.session import forget_sessions
    from ..audit.log import forget_person
    from ..organisations.importing import forget_uploads

    for listener in (forget_sessions, forget_person, forget_uploads):
        account_erasing.connect(listener, weak=False)  # connecting twice is a no-op


def erase_account(user: User, *, by: User | None, reason: str) -> None:
    """Anonymise the account and everything that names the person, with an audit entry (not committed).

    `by` is who did it: the person themself, an administrator, or None for a command.
    """
    certificate_name = db.session.scalar(select(CertificateName.name).where(CertificateName.user_id == user.id))
    holder_names = db.session.scalars(select(Certificate.holder_name).where(Certificate.user_id == user.id))
    personal = sorted(
        {text for text in (user.username, user.display_name, user.email, certificate_name, *holder_names) if text}
    )
    anonymous_name = f"deleted-{secrets.token_hex(8)}"
    account_erasing.send(user, personal=personal, anonymous_name=anonymous_name)
    db.session.execute(
        update(Certificate).where(Certificate.user_id == user.id).values(holder_name="")
    )
    db.session.execute(delete(CertificateName).where(CertificateName.user_id == user.id))
    user.username = anonymous_name
    user.display_name = ""
    user.email = None
    user.password_hash = UNUSABLE_PASSWORD
    user.language = None
    user.last_seen_at = None
    user.last_active_at = None
    user.deleted_at = utcnow()
    # The audit entry names the anonymous row, never the person who was there.
    record(user if by is user else by, "account.delete", f"user:{user.id}", reason=reason)
    db.session.flush()
