"""Which language a page is in: address, account, cookie, browser, English — in that order."""

from __future__ import annotations

import re

import pytest

from signaal.accounts.registry import find_user
from signaal.extensions import db
from signaal.languages.negotiation import COOKIE_NAME

from language_pages import page_language
from web_forms import PASSWORD, submit_form

MENU_OPTION = re.compile(r'<option value="([^"]+)" lang="([^"]+)" dir="(ltr|rtl)"[^>]*>([^<]+)</option>')


def choose_language(client, language: str, next_url: str = "/verify"):
    return submit_form(client, "/language", {"language": language, "next": next_url}, form_page=next_url)


def test_without_any_preference_the_interface_is_english(client):
    assert page_language(client) == "en"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("nl", "nl"),
        ("nl-BE,nl;q=0.9,en;q=0.5", "nl"),
        ("pl-PL", "pl"),
        ("fr-FR,de;q=0.8", "en"),
        ("de;q=0.9,ro;q=0.8,bg;q=0.7", "ro"),
        ("uk;q=0.4,ar;q=0.6", "ar"),
    ],
)
def test_the_browser_language_decides_when_nothing_was_chosen(client, header, expected):
    assert page_language(client, headers={"Accept-Language": header}) == expected


def test_the_page_text_is_translated(client, translated):
    page = client.get("/verify", headers={"Accept-Language": "pl"}).get_data(as_text=True)
    assert translated("pl", "Check a certificate") in page
    assert "Check a certificate" not in page


def test_a_menu_choice_is_remembered_in_a_cookie_over_the_browser_language(client):
    response = choose_language(client, "uk", next_url="/verify?code=ABC")
    assert response.status_code == 303
    assert response.headers["Location"] == "/verify?code=ABC"
    cookie = client.get_cookie(COOKIE_NAME)
    assert cookie.value == "uk" and cookie.http_only
    assert page_language(client, headers={"Accept-Language": "nl"}) == "uk"


def test_a_signed_in_choice_is_saved_on_the_account(client, make_user, login, app):
    user = login(make_user())
    choose_language(client, "bg")
    db.session.expire_all()
    assert find_user(user.username).language == "bg"

    # Another device, another browser language: the account's choice still wins.
    other_device = app.test_client()
    submit_form(other_device, "/account/login", {"username": user.username, "password": PASSWORD})
    assert page_language(other_device, headers={"Accept-Language": "nl"}) == "bg"


def test_the_account_choice_beats_this_browsers_cookie(client, make_user, login):
    login(make_user(language="ro"))
    client.set_cookie(COOKIE_NAME, "pl")
    assert page_language(client) == "ro"


def test_a_language_picked_before_registering_is_kept_on_the_new_account(client):
    choose_language(client, "nl", next_url="/account/register")
    response = submit_form(
        client,
        "/account/register",
        {"username": "maria", "password": PASSWORD, "confirm": PASSWORD},
    )
    assert response.status_code == 302
    assert find_user("maria").language == "nl"


def test_lang_in_the_address_wins_for_that_page_only(client, make_user, login):
    login(make_user(language="ro"))
    assert page_language(client, "/verify?lang=ar") == "ar"
    assert page_language(client, "/verify") == "ro"


def test_the_menu_returns_to_the_page_without_its_lang_parameter(client):
    page = client.get("/verify?code=7K3M&lang=nl").get_data(as_text=True)
    assert 'name="next" value="/verify?code=7K3M"' in page


def test_the_menu_shows_every_language_in_its_own_name(client):
    page = client.get("/account/login", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    options = MENU_OPTION.findall(page)
    assert [name for _, _, _, name in options] == [
        "English", "Nederlands", "Polski", "Română", "Български", "Українська", "العربية",
    ]
    assert all(code == lang for code, lang, _, _ in options)
    assert [code for code, _, direction, _ in options if direction == "rtl"] == ["ar"]
    assert re.search(r'<option value="nl"[^>]* selected>', page)


@pytest.mark.parametrize("url", ["/", "/account/login", "/verify", "/no-such-page"])
def test_every_page_has_the_language_menu(client, url):
    page = client.get(url).get_data(as_text=True)
    assert 'action="/language"' in page
    assert '<label for="language-choice">' in page


def test_the_menu_refuses_a_post_without_csrf_token(client):
    response = client.post("/language", data={"language": "nl", "next": "/verify"})
    assert response.status_code == 400
    assert client.get_cookie(COOKIE_NAME) is None
