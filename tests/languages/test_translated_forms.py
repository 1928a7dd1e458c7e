"""Form errors appear in the page language: WTForms' own messages and ours."""

from __future__ import annotations

from web_forms import submit_form

WTFORMS_REQUIRED = {"nl": "Dit veld is vereist.", "ro": "Acest câmp este obligatoriu.", "ar": "هذا الحقل مطلوب."}


def register(client, language: str, **fields):
    client.set_cookie("signaal_language", language)
    data = {"username": "", "password": "", "confirm": "", **fields}
    return submit_form(client, "/account/register", data).get_data(as_text=True)


def test_wtforms_built_in_messages_follow_the_page_language(client):
    for language, required in WTFORMS_REQUIRED.items():
        page = register(client, language)
        assert required in page
        assert "This field is required." not in page


def test_our_own_form_messages_follow_the_page_language(client, translated):
    page = register(client, "pl", username="ok name", password="long enough 1", confirm="different 22")
    assert translated("pl", "The passwords are not the same.") in page
    assert translated("pl", "Use letters, digits, dots, hyphens or underscores, without spaces.") in page
    assert translated("pl", "Repeat the password") in page  # a lazy label


def test_signing_out_keeps_the_accounts_language(client, make_user, login, translated):
    login(make_user(language="uk"))
    response = submit_form(client, "/account/logout", {}, form_page="/verify", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert translated("uk", "You are signed out.") in page  # a flash message
    assert '<html lang="uk"' in page
