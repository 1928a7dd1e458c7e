"""Unknown or malformed language codes fall back quietly and never reach the page."""

from __future__ import annotations

from html import escape

import pytest

from signaal.extensions import db
from signaal.languages.negotiation import COOKIE_NAME

from language_pages import page_language
from web_forms import submit_form

UNKNOWN_CODES = ["xx", "fr", "NL ", "en_US.UTF-8", "%00"]  # fr: a real language, but not offered
HOSTILE_CODES = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "../../etc/passwd",
    "nl/../../secret",
    "nl\r\nSet-Cookie: evil=1",
    "a" * 500,
]
BAD_CODES = UNKNOWN_CODES + HOSTILE_CODES


def assert_not_reflected(page: str, value: str) -> None:
    """Short unknown codes ("fr") occur in ordinary text; only hostile values are looked for."""
    if value in HOSTILE_CODES:
        assert value not in page
        assert escape(value) not in page


@pytest.mark.parametrize("code", BAD_CODES)
def test_a_bad_cookie_is_ignored(client, code):
    client.set_cookie(COOKIE_NAME, code)
    response = client.get("/verify", headers={"Accept-Language": "pl"})
    assert response.status_code == 200
    assert page_language(client, headers={"Accept-Language": "pl"}) == "pl"
    assert_not_reflected(response.get_data(as_text=True), code)


@pytest.mark.parametrize("code", BAD_CODES)
def test_a_bad_lang_in_the_address_is_ignored(client, code):
    response = client.get("/verify", query_string={"lang": code})
    assert response.status_code == 200
    assert page_language(client, "/verify", query_string={"lang": code}) == "en"
    assert_not_reflected(response.get_data(as_text=True), code)


@pytest.mark.parametrize("code", BAD_CODES)
def test_a_bad_menu_choice_changes_nothing(client, code):
    response = submit_form(client, "/language", {"language": code, "next": "/verify"}, form_page="/verify")
    assert response.status_code == 303
    assert response.headers["Location"] == "/verify"
    assert client.get_cookie(COOKIE_NAME) is None
    page = client.get("/verify").get_data(as_text=True)
    assert page_language(client) == "en"
    assert_not_reflected(page, code)


@pytest.mark.parametrize(
    "header", ["<script>", "../../", ";;;q=abc", "nl;q=banana", "*", "x" * 300, "ar;q=0, nl;q=0"]
)
def test_a_malformed_accept_language_falls_back_to_english(client, header):
    response = client.get("/verify", headers={"Accept-Language": header})
    assert response.status_code == 200
    assert page_language(client, headers={"Accept-Language": header}) == "en"
    assert_not_reflected(response.get_data(as_text=True), header)


def test_an_account_language_that_is_no_longer_offered_falls_back(client, make_user, login):
    login(make_user(language="xx"))
    assert page_language(client, headers={"Accept-Language": "bg"}) == "bg"


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "/\t/evil.example", ""],
)
def test_the_menu_only_returns_to_pages_on_this_site(client, target):
    response = submit_form(client, "/language", {"language": "nl", "next": target}, form_page="/verify")
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert client.get_cookie(COOKIE_NAME).value == "nl"


def test_saving_a_bad_code_on_the_account_is_impossible_through_the_menu(client, make_user, login):
    user = login(make_user())
    submit_form(client, "/language", {"language": "<b>", "next": "/"}, form_page="/verify")
    db.session.refresh(user)
    assert user.language is None
