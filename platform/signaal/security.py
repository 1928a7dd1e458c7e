"""HTTP hardening: security headers, running behind a proxy, refusing input the database cannot take."""

from __future__ import annotations

import re

from flask import Flask, abort, request
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter, PathConverter, UnicodeConverter

# Everything comes from this site: no CDNs, web fonts or analytics, and no inline
# script or style, so injected markup can neither run nor restyle the page.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    # Certificate codes travel in URLs: never hand them to another site.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# PostgreSQL's integer columns end here; a larger id in a URL must be "not found", not a crash.
LARGEST_ID = 2**31 - 1

# ASCII only: str.isdigit() and int() also accept "²", "٣" or " +7", which either crash int()
# or let one number be written in many ways.
_ASCII_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")


def whole_number(text: str | None, *, largest: int = LARGEST_ID) -> int | None:
    """The number written in plain ASCII digits, 0..largest; None for anything else.

    The one parser for numbers that arrive as text (URLs, query strings, sessions,
    settings): no signs, blanks, other scripts' digits or numbers the database cannot hold.
    """
    if text is None or not _ASCII_WHOLE_NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if number <= largest else None


def id_from_query(name: str) -> int | None:
    """An id from the query string: None when absent; "not found" when it cannot be a row's id."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    number = whole_number(raw)
    if not number:
        abort(404)
    return number


def number_from_query(name: str, default: int, *, smallest: int, largest: int) -> int:
    """A number from the query string kept within bounds; the default when absent or not a number."""
    number = whole_number(request.args.get(name), largest=2**62)
    if number is None:
        return default
    return min(max(number, smallest), largest)


class DatabaseInteger(IntegerConverter):
    """`<int:…>` in routes, limited to what an integer column can hold, in ASCII digits only."""

    # Werkzeug's `\d+` also matches Arabic-Indic and other decimal digits.
    regex = r"[0-9]+"

    def __init__(self, url_map, fixed_digits=0, min=None, max=LARGEST_ID, signed=False):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


# A NUL character in a URL part matches no route (404), so no view, and no context
# processor reading view_args on the error page, ever hands it to the database.
class TextWithoutNul(UnicodeConverter):
    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, *args, **kwargs)
        self.regex = self.regex.replace("[^/]", r"[^/\x00]")  # the length is set per rule


class PathWithoutNul(PathConverter):
    regex = r"[^/\x00][^\x00]*?"


def init_security(app: Flask) -> None:
    """Install the hardening; call before blueprints are registered (the URL converters)."""
    hops = app.config["SIGNAAL_PROXY_HOPS"]
    if hops:
        # Trust X-Forwarded-* only from that many proxies: client address for rate limits,
        # https for secure cookies and redirects.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    app.url_map.converters.update(
        int=DatabaseInteger, default=TextWithoutNul, string=TextWithoutNul, path=PathWithoutNul
    )
    app.before_request(refuse_nul_characters)
    app.after_request(add_security_headers)


def refuse_nul_characters() -> None:
    """400 for a NUL character in a form or query: PostgreSQL refuses to store or compare it."""
    values = []
    for multidict in (request.args, request.form):
        for key, value in multidict.items(multi=True):
            values += (key, value)
    if any("\x00" in value for value in values):
        abort(400)


def add_security_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if current_user.is_authenticated and "Cache-Control" not in response.headers:
        # Phones are shared: after signing out, Back must not show someone's pages again.
        response.headers["Cache-Control"] = "no-store"
    return response
