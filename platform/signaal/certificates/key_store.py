"""Where the credential signing keys live: the database, so every app server signs alike.

One row per key that ever signed credentials. `generation` orders the signing
keys and the newest one signs. That the generation is unique is what makes
key creation safe when two servers start at once: both try generation n+1,
the database lets one in, and the other reads the winner's key. A key stops
signing when a newer generation is made (`flask credentials rotate-key`): its
private half is erased then, and its public half stays in the JWKS for as
long as a credential it signed can still be valid.

Which key signs, in order of precedence:
1. $SIGNAAL_CREDENTIAL_KEY names a PEM file: that file (the operator keeps it
   the same on every server). Its public half is recorded here too, so it
   stays published after the file is replaced or the setting removed.
2. Otherwise the newest database key, its private half sealed with a key
   derived from SECRET_KEY (signing_key.py). A key file that an older
   Signaal left at instance/credential_key.pem is taken in on first use: as
   the signing key when the database has none yet, else only as a published
   public key, so that credentials it signed keep verifying.

Domain code: adds and flushes; the view or command that asked commits.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from flask import current_app
from sqlalchemy import LargeBinary, String, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import today, utcnow
from ..extensions import db
from .models import Certificate
from .signing_key import (
    jwk_from_x, key_id, load_or_create_key, public_x, read_key_file, seal_private_key, unseal_private_key,
)

LEGACY_KEY_FILE = "credential_key.pem"  # where Signaal kept the key before it moved to the database

# App servers' clocks differ a little, and a download may still be signing with a key
# while another server retires it: count certificates issued up to a day after retirement.
RETIREMENT_MARGIN = timedelta(days=1)


class CredentialKey(db.Model):
    """A key that signs, or signed, certificate credentials."""

    __tablename__ = "credential_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Signing order, unique: the newest signs. NULL for a key taken in only so its credentials verify.
    generation: Mapped[int | None] = mapped_column(unique=True)
    kid: Mapped[str] = mapped_column(String(64), unique=True)  # RFC 7638 thumbprint, as in every credential
    public_x: Mapped[str] = mapped_column(String(64))  # the JWK's x
    # AES-GCM under a key derived from SECRET_KEY; NULL once retired, or when the key lives in a file.
    sealed_private_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[datetime | None]


class RotationRefused(Exception):
    """rotate-key cannot make a new key here; the message says why and what to do."""


@dataclass(frozen=True)
class KeyStatus:
    """One key as `flask credentials keys` shows it."""

    kid: str
    generation: int | None
    created_at: datetime
    retired_at: datetime | None
    published: bool
    signs: bool


def signing_key() -> Ed25519PrivateKey:
    """The private key that signs credentials now, made on first use."""
    key_file = _configured_key_file()
    if key_file is not None:
        key = load_or_create_key(key_file)
        _record_public_key(key)
        return key
    return _unsealed(_current_database_key())


def ensure_signing_key() -> None:
    """Make sure a signing key exists, without decrypting it (for the JWKS and `flask setup`)."""
    if _configured_key_file() is not None:
        signing_key()
    else:
        _current_database_key()


def rotate_signing_key() -> CredentialKey:
    """Make a new signing key; the old one signs no more but stays published while needed."""
    if _configured_key_file() is not None:
        raise RotationRefused(
            "the signing key is the file in SIGNAAL_CREDENTIAL_KEY: put a new key file on every server "
            "instead, or remove the setting to keep the keys in the database"
        )
    _take_in_legacy_key_file()
    row = _add_generation(Ed25519PrivateKey.generate(), keep_private=True)
    if row is None:
        raise RotationRefused("another server made a new key at the same moment: `flask credentials keys` shows it")
    return row


def published_keys() -> list[dict]:
    """The JWKs of every key whose credentials can still be valid, the signing key first."""
    ensure_signing_key()
    on = today()
    rows = db.session.scalars(select(CredentialKey).order_by(CredentialKey.created_at.desc(), CredentialKey.id.desc()))
    published = [row for row in rows if row.retired_at is None or _may_still_verify(row, on)]
    published.sort(key=lambda row: row.retired_at is not None)  # stable: newest first otherwise
    return [jwk_from_x(row.public_x) for row in published]


def key_statuses() -> list[KeyStatus]:
    """Every key recorded, newest first, with whether it is published and whether it signs."""
    ensure_signing_key()
    signing_kid = _signing_kid()
    on = today()
    rows = db.session.scalars(select(CredentialKey).order_by(CredentialKey.created_at.desc(), CredentialKey.id.desc()))
    return [
        KeyStatus(row.kid, row.generation, row.created_at, row.retired_at,
                  published=row.retired_at is None or _may_still_verify(row, on), signs=row.kid == signing_kid)
        for row in rows
    ]


# Finding and making keys


def _configured_key_file() -> Path | None:
    configured = current_app.config.get("CREDENTIAL_KEY_FILE")
    return Path(configured) if configured else None


def _signing_kid() -> str:
    key_file = _configured_key_file()
    if key_file is not None:
        return key_id(public_x(load_or_create_key(key_file).public_key()))
    return _current_database_key().kid


def _newest_generation() -> CredentialKey | None:
    return db.session.scalar(
        select(CredentialKey).where(CredentialKey.generation.is_not(None))
        .order_by(CredentialKey.generation.desc()).limit(1)
    )


def _current_database_key() -> CredentialKey:
    _take_in_legacy_key_file()
    row = _newest_generation()
    if row is None or row.sealed_private_key is None:
        # None: a fresh database. No private half: the newest key was a file that is no longer configured.
        row = _add_generation(Ed25519PrivateKey.generate(), keep_private=True, seen=row.generation if row else 0) or _newest_generation()
    return row


def _add_generation(
    key: Ed25519PrivateKey, *, keep_private: bool, seen: int | None = None
) -> CredentialKey | None:
    """Insert the key as the generation after `seen` (default: the newest now) and retire the others.

    None if another server was first: the generation number is decided by what the caller
    saw, so two servers that both saw "no key yet" cannot both add one.
    """
    x = public_x(key.public_key())
    kid = key_id(x)
    now = utcnow()
    sealed = seal_private_key(key, current_app.config["SECRET_KEY"], kid) if keep_private else None
    try:
        # A savepoint: losing the race must not undo the rest of the caller's transaction.
        with db.session.begin_nested():
            newest = seen if seen is not None else db.session.scalar(select(func.max(CredentialKey.generation))) or 0
            row = CredentialKey(generation=newest + 1, kid=kid, public_x=x, sealed_private_key=sealed, created_at=now)
            db.session.add(row)
            db.session.flush()  # the unique generation decides here which server's key it is
            for older in db.session.scalars(select(CredentialKey).where(CredentialKey.id != row.id)):
                # A retired key never signs again: keep no private half to steal.
                older.sealed_private_key = None
                if older.retired_at is None:
                    older.retired_at = now
    except IntegrityError:
        return None
    return row


def _add_public_key_only(key: Ed25519PrivateKey) -> None:
    """Record a key that signed credentials elsewhere, so they verify; it never signs again."""
    x = public_x(key.public_key())
    now = utcnow()
    try:
        with db.session.begin_nested():
            db.session.add(CredentialKey(generation=None, kid=key_id(x), public_x=x, created_at=now, retired_at=now))
            db.session.flush()
    except IntegrityError:
        pass  # another process recorded it first


def _record_public_key(key: Ed25519PrivateKey) -> None:
    kid = key_id(public_x(key.public_key()))
    newest = _newest_generation()
    if newest is not None and newest.kid == kid:
        return
    if db.session.scalar(select(CredentialKey.id).where(CredentialKey.kid == kid)) is None:
        _add_generation(key, keep_private=False)


def _take_in_legacy_key_file() -> None:
    path = Path(current_app.instance_path) / LEGACY_KEY_FILE
    if not path.exists():
        return
    key = read_key_file(path)
    if db.session.scalar(select(CredentialKey.id).where(CredentialKey.kid == key_id(public_x(key.public_key())))):
        return
    if _newest_generation() is None:
        _add_generation(key, keep_private=True)
    else:
        # Before keys were shared, every server made its own: this one's credentials must verify too.
        _add_public_key_only(key)


# Using keys

_unsealed_keys: dict[tuple[str, bytes], Ed25519PrivateKey] = {}


def _unsealed(row: CredentialKey) -> Ed25519PrivateKey:
    # Decrypting is cheap, but there is no need to do it for every download.
    secret = current_app.config["SECRET_KEY"]
    cache_key = (row.kid, hashlib.sha256(secret.encode() + b"\0" + row.sealed_private_key).digest())
    if cache_key not in _unsealed_keys:
        _unsealed_keys[cache_key] = unseal_private_key(row.sealed_private_key, secret, row.kid)
    return _unsealed_keys[cache_key]


def _may_still_verify(row: CredentialKey, on: date) -> bool:
    """Whether a credential signed with this retired key can still be valid on the given day.

    Credentials are signed at download, so a retired key signed only certificates that
    existed when it retired and were downloaded at some point; a credential carries its
    certificate's expiry, and none when the certificate never expires.
    """
    latest, never_expiring = db.session.execute(
        select(
            func.max(Certificate.expires_on),
            func.coalesce(func.sum(case((Certificate.expires_on.is_(None), 1), else_=0)), 0),
        ).where(
            Certificate.issued_at <= row.retired_at + RETIREMENT_MARGIN,
            Certificate.first_downloaded_at.is_not(None),
        )
    ).one()
    if never_expiring:
        return True
    return latest is not None and latest >= on  # valid through its expiry date
