"""The name on a certificate: the participant's choice, not necessarily their account name.

Participants may use a pseudonym for their account and still want their
legal name, or only their initials, on a certificate they show an employer.
A preference sets the name for certificates issued from then on; each
certificate's name can also be changed until its first download.
"""

from __future__ import annotations

import unicodedata

from ..accounts.models import User
from ..clock import utcnow
from ..extensions import db
from .models import NAME_LENGTH, Certificate, CertificateName


BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class NameLocked(ValueError):
    """The certificate was downloaded (or revoked): its name can no longer change."""


def clean_name(raw: str) -> str:
    """The name as it will be printed: one form of each accented letter, single spaces."""
    name = unicodedata.normalize("NFC", raw)
    # Control characters and bidi overrides are invisible on paper yet make two
    # names that look the same differ (or show one reversed). Joiners stay:
    # Persian names need the zero-width non-joiner.
    name = "".join(c for c in name if unicodedata.category(c) != "Cc" and c not in BIDI_CONTROLS)
    return " ".join(name.split())[:NAME_LENGTH]


def preferred_name(user: User) -> str | None:
    """The name the participant chose for new certificates, or None for their account name."""
    row = db.session.get(CertificateName, user.id)
    return row.name if row else None


def name_for_new_certificate(user: User) -> str:
    return preferred_name(user) or user.display_name


def set_preferred_name(user: User, raw: str) -> None:
    """Remember the name for future certificates; an empty name means "my account name"."""
    name = clean_name(raw)
    row = db.session.get(CertificateName, user.id)
    if not name:
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(CertificateName(user_id=user.id, name=name))
    else:
        row.name = name
    db.session.flush()


def choose_certificate_details(certificate: Certificate, *, language: str, name: str | None = None) -> None:
    """Set the certificate's language and, while it may still change, its name."""
    if name is not None:
        if not certificate.name_can_change:
            raise NameLocked(certificate.code)
        cleaned = clean_name(name)
        if not cleaned:
            raise ValueError("empty name")
        certificate.holder_name = cleaned
    certificate.language = language
    db.session.flush()


def note_download(certificate: Certificate) -> None:
    """Fix the name from the first download on: copies now exist that must match the record."""
    if certificate.first_downloaded_at is None:
        certificate.first_downloaded_at = utcnow()
        db.session.flush()
