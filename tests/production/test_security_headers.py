"""Every response carries the security headers; cookies are locked down; nothing loads from elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from signaal import create_app

PACKAGE = Path(__file__).parents[2] / "platform" / "signaal"


@pytest.fixture
def policy(client) -> dict[str, str]:
    header = client.get("/").headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def test_content_security_policy_allows_only_this_site(policy):
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval', no hosts
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert all("unsafe" not in value and "http" not in value for value in policy.values())


@pytest.mark.parametrize(
    "name, value",
    [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
    ],
)
@pytest.mark.parametrize("url", ["/", "/account/login", "/no-such-page", "/static/signaal.css"])
def test_each_header_is_on_every_kind_of_response(client, url, name, value):
    response = client.get(url)
    response.close()  # a static file is streamed from an open file
    assert response.headers[name] == value


def test_strict_transport_security_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://signaal.example")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_signed_in_pages_are_not_kept_in_the_browser_cache(client, make_user, login):
    login(make_user())
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_session_cookie_is_http_only_same_site_and_secure_when_asked(tmp_path, monkeypatch, client, make_user, login):
    login(make_user())
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure
    monkeypatch.setenv("SIGNAAL_SECURE_COOKIES", "1")
    secure_app = create_app({"INSTANCE_PATH": str(tmp_path / "secure"), "SECRET_KEY": "x"})
    assert secure_app.config["SESSION_COOKIE_SECURE"] and secure_app.config["REMEMBER_COOKIE_SECURE"]


def test_behind_a_proxy_the_forwarded_address_and_scheme_count(tmp_path, monkeypatch):
    monkeypatch.setenv("SIGNAAL_PROXY_HOPS", "1")
    app = create_app({"INSTANCE_PATH": str(tmp_path / "proxied"), "SECRET_KEY": "x"})

    @app.route("/whoami")
    def whoami():
        from flask import request

        return f"{request.remote_addr} {request.scheme}"

    answer = app.test_client().get(
        "/whoami", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    )
    assert answer.get_data(as_text=True) == "203.0.113.7 https"
    assert answer.headers["Strict-Transport-Security"]


EXTERNAL = re.compile(r"""(?:src|href|action|url\()\s*=?\s*["']?(?:https?:)?//""", re.IGNORECASE)


def test_no_template_or_stylesheet_loads_anything_from_elsewhere():
    files = [*PACKAGE.glob("templates/**/*.html"), *PACKAGE.glob("static/**/*.css"), *PACKAGE.glob("static/**/*.js")]
    assert files
    offenders = [f"{path.relative_to(PACKAGE)}: {match.group(0)}" for path in files for match in EXTERNAL.finditer(path.read_text())]
    assert offenders == []


def test_templates_use_no_inline_script_or_style():
    offenders = []
    for path in PACKAGE.glob("templates/**/*.html"):
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)", text) or re.search(r"\sstyle\s*=", text) or re.search(r"<style", text):
            offenders.append(str(path.relative_to(PACKAGE)))
        if re.search(r"\son[a-z]+\s*=", text):
            offenders.append(f"{path.relative_to(PACKAGE)} (event handler attribute)")
    assert offenders == []
