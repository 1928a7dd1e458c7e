"""A real Signaal served by gunicorn on 127.0.0.1, and a small browser-like HTTP client for it."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from gunicorn_server import serve


def gunicorn(overrides: dict, *, workers: int, env: dict, log: Path):
    """Serve `signaal.create_app(overrides)` until the block ends; yield the base URL."""
    return serve(f"signaal:create_app({overrides!r})", workers=workers, env=env, log=log)


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # hand the 302 back to the caller


class Browser:
    """Cookies, CSRF tokens and status codes, like a person's browser without JavaScript."""

    CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _KeepRedirects()
        )
        self.statuses: list[tuple[str, int]] = []

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, data=body, timeout=60) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        self.statuses.append((f"{'POST' if data is not None else 'GET'} {path}", status))
        return status, text

    def download(self, path: str) -> tuple[int, bytes]:
        """GET a file as bytes (a PDF is not text)."""
        try:
            with self.opener.open(self.base_url + path, timeout=60) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        self.statuses.append((f"GET {path}", status))
        return status, body

    def submit(self, path: str, data: dict, *, form_page: str | None = None) -> tuple[int, str]:
        _, page = self.request(form_page or path)
        return self.request(path, {**data, "csrf_token": self.CSRF.search(page).group(1)})
