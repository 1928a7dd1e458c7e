"""Passwords that Signaal makes up for people: readable, and cheap to hash in bulk."""

from __future__ import annotations

import secrets

from werkzeug.security import generate_password_hash

# Lowercase without look-alikes, so it can be typed from a paper slip on a phone.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password() -> str:
    """Four groups of four, e.g. "kq7m-x2ab-9rtd-hh3e": about 79 random bits."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))


def hash_generated_password(password: str) -> str:
    # A random 79-bit secret cannot be guessed however fast the hash is, so a
    # light hash is safe here and keeps importing hundreds of accounts quick.
    # Passwords that people choose keep the slow configured hash.
    return generate_password_hash(password, method="pbkdf2:sha256:1000")
