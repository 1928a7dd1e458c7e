"""HTTP hardening: security headers, running behind a proxy, refusing input the database cannot take."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask, abort, request
from flask_login import current_user
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.sansio.utils import host_is_trusted
from werkzeug.wsgi import get_host
from werkzeug.routing import IntegerConverter, PathConverter, UnicodeConverter

from .config import is_loopback

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


REFUSED_HOST = "signaal.refused_host"


class PublicOrigin:
    """Build every absolute link from PUBLIC_URL, and refuse requests for another host.

    A request naming a host outside TRUSTED_HOSTS is marked and handed on with the
    public host, so `refuse_other_hosts` answers it with the ordinary, translated 400
    page (Flask's own check would leave the error page unable to build its links), and
    `Host: evil.example` never ends up in an invitation link or a credential's issuer.
    Behind a public (not loopback) address, the scheme and port come from PUBLIC_URL
    as well, whatever the proxy forwarded.
    """

    def __init__(self, wsgi_app, public_url: str, trusted: list[str]):
        self.wsgi_app, self.trusted = wsgi_app, trusted
        parts = urlsplit(public_url)
        self.scheme, self.netloc = parts.scheme, parts.netloc
        self.rewrite = not is_loopback(public_url)

    def __call__(self, environ, start_response):
        try:
            trusted = host_is_trusted(get_host(environ), self.trusted)
        except SecurityError:  # not even a well-formed host
            trusted = False
        if not trusted:
            environ[REFUSED_HOST] = True
            environ["HTTP_HOST"] = self.netloc
        elif self.rewrite:
            environ["wsgi.url_scheme"] = self.scheme
            environ["HTTP_HOST"] = self.netloc
        return self.wsgi_app(environ, start_response)


def refuse_other_hosts() -> None:
    if request.environ.get(REFUSED_HOST):
        abort(400)


def init_security(app: Flask) -> None:
    """Install the hardening; call before blueprints are registered (the URL converters)."""
    if app.config["TRUSTED_HOSTS"]:
        # Inside ProxyFix, so it sees the host and scheme the proxy forwarded.
        app.wsgi_app = PublicOrigin(app.wsgi_app, app.config["PUBLIC_URL"], app.config["TRUSTED_HOSTS"])
        app.before_request(refuse_other_hosts)
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
