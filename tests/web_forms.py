"""Posting forms the way a browser does, CSRF token included."""

from __future__ import annotations

import re

PASSWORD = "correct horse battery"

CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token_from(client, url: str) -> str:
    page = client.get(url)
    match = CSRF_FIELD.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def submit_form(client, url: str, data: dict, *, form_page: str | None = None, **kwargs):
    """POST a form the way a browser does: with the CSRF token from the page that shows it."""
    token = csrf_token_from(client, form_page or url)
    return client.post(url, data={**data, "csrf_token": token}, **kwargs)
