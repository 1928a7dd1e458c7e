"""Addresses taken from a request, used as redirect targets, must stay on this site."""

from __future__ import annotations

from urllib.parse import urlsplit


def local_url(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    # Control characters have no place in a path, and a browser may drop them and see "//".
    if any(ord(character) < 32 or ord(character) == 127 for character in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
