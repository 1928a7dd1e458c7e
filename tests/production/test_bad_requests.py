"""Malformed, oversized and unexpected requests get a 4xx answer, never a 500, on every URL."""

from __future__ import annotations

import re

import pytest

from signaal.accounts.models import Role
from web_forms import csrf_token_from

# Values put into every part of every URL: each once broke some web app somewhere.
ODD_VALUES = {
    "nul character": "a%00b",
    "malformed UTF-8": "%ff%fe%c3",
    "very long": "x" * 3000,
    "number too big for the database": "9" * 30,
    "path tricks": "..%2f..%2fetc%2fpasswd",
}
# Endpoints that would end the signed-in session the rest of the sweep needs.
SESSION_ENDING = {"accounts.logout", "privacy.delete"}


def every_url(app, value: str) -> list[tuple[str, set[str]]]:
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint in SESSION_ENDING:
            continue
        urls.append((re.sub(r"<[^>]+>", value, rule.rule), rule.methods - {"HEAD", "OPTIONS"}))
    return urls


@pytest.fixture
def admin_client(client, make_user, login, tiny_course):
    """An administrator may open every page, so every view's input handling is reached."""
    login(make_user(role=Role.ADMIN))
    return client


def odd_form(token: str, value: str) -> bytes:
    fields = ["username", "password", "confirm", "email", "name", "code", "form_token", "language", "next", "reason", "answer-q1"]
    return f"csrf_token={token}&" + "&".join(f"{field}={value}" for field in fields)


@pytest.mark.parametrize("label", ODD_VALUES)
def test_odd_values_anywhere_never_cause_a_server_error(app, admin_client, label):
    value = ODD_VALUES[label]
    token = csrf_token_from(admin_client, "/account/data/")
    failures = []
    for url, methods in every_url(app, value):
        with_query = f"{url}?page={value}&next={value}&q={value}"
        answers = [("GET", admin_client.get(with_query))] if "GET" in methods else []
        if "POST" in methods:
            body = odd_form(token, value).encode("latin-1")
            answers.append(("POST", admin_client.post(with_query, data=body, content_type="application/x-www-form-urlencoded")))
        failures += [f"{method} {url[:80]} → {r.status_code}" for method, r in answers if r.status_code >= 500]
    assert failures == []


def test_a_nul_character_in_a_form_is_refused_before_it_reaches_the_database(client, make_user):
    user = make_user()
    token = csrf_token_from(client, "/account/login")
    response = client.post(
        "/account/login", data={"csrf_token": token, "username": user.username + "\x00", "password": "x"}
    )
    assert response.status_code == 400


def test_unexpected_methods_are_405(client):
    for method in ("put", "delete", "patch"):
        for url in ("/", "/account/login", "/account/register", "/account/data/", "/verify"):
            assert getattr(client, method)(url).status_code == 405, (method, url)
    assert client.get("/account/logout").status_code == 405


def test_a_request_larger_than_the_limit_is_413(client, app):
    token = csrf_token_from(client, "/account/register")
    too_big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post("/account/register", data={"csrf_token": token, "username": too_big})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_an_oversized_field_gets_a_message_next_to_it(client):
    token = csrf_token_from(client, "/account/register")
    response = client.post(
        "/account/register",
        data={"csrf_token": token, "username": "u" * 5000, "password": "p" * 5000, "confirm": "p" * 5000},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="username-error"' in html and 'id="password-error"' in html
