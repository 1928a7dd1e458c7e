"""Everyone can change their password; a password someone else set is replaced at the first sign-in;
guessable passwords are refused with a reason in the reader's language."""

from __future__ import annotations

import re

import pytest

from signaal.accounts.models import User
from signaal.extensions import db
from web_forms import PASSWORD, csrf_token_from, submit_form

NEW_PASSWORD = "lantaarn kiwi dijkgraaf zomer"


def register(client, username: str, password: str, **extra):
    return submit_form(
        client, "/account/register", {"username": username, "password": password, "confirm": password, **extra}
    )


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("12345678", "one of the passwords that people use most"),
        ("password", "one of the passwords that people use most"),
        ("marta.kowalska", "your user name, name or e-mail address"),
        ("ghjkl;yuiop", "rows of keys"),
        ("abcdefghijklmn", "series such as 1234"),
        ("2019-04-05", "dates are easy to guess"),
        ("aaaaaaaaaaaa", "Repeated characters"),
    ],
)
def test_guessable_passwords_are_refused_with_the_reason(client, password, reason):
    response = register(client, "marta.kowalska", password)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This password is too easy to guess." in page and reason in page
    assert "Capitals, digits or symbols are not needed." in page
    assert db.session.scalar(db.select(User)) is None


def test_the_reason_is_in_the_readers_language(client):
    token = csrf_token_from(client, "/account/register?lang=pl")
    response = client.post(
        "/account/register?lang=pl",
        data={"username": "marta.kowalska", "password": "12345678", "confirm": "12345678", "csrf_token": token},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "To hasło jest zbyt łatwe do odgadnięcia." in page


def test_no_composition_rules_a_long_sentence_is_enough(client):
    assert register(client, "marta.kowalska", "ik fiets elke dag naar de markt").status_code == 302


def test_changing_ones_password(client, make_user, login):
    user = login(make_user())
    page = client.get("/account/password").get_data(as_text=True)
    assert "Your current password" in page and "New password" in page
    wrong = submit_form(client, "/account/password", {"current": "nope", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert wrong.status_code == 400 and "This password is not right." in wrong.get_data(as_text=True)
    weak = submit_form(client, "/account/password", {"current": PASSWORD, "password": "password1", "confirm": "password1"})
    assert weak.status_code == 400 and "too easy to guess" in weak.get_data(as_text=True)
    done = submit_form(client, "/account/password", {"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD) and not user.check_password(PASSWORD)


def test_a_created_account_chooses_its_own_password_before_anything_else(app, client, runner):
    result = runner.invoke(args=["users", "create", "anna", "--role", "coordinator"])
    assert result.exit_code == 0, result.output
    one_time = re.search(r"one-time password: (\S+)", result.output).group(1)
    signed_in = submit_form(client, "/account/login", {"username": "anna", "password": one_time})
    assert signed_in.location == "/account/password"
    for elsewhere in ("/", "/statistics/", "/account/data/", "/organisations/"):
        assert client.get(elsewhere).location == "/account/password", elsewhere
    page = client.get("/account/password").get_data(as_text=True)
    assert "Someone else set your password. Choose your own" in page
    chosen = submit_form(client, "/account/password", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert chosen.status_code == 302
    assert client.get("/account/data/").status_code == 200
    anna = db.session.scalar(db.select(User).filter_by(username="anna"))
    assert not anna.must_change_password and anna.check_password(NEW_PASSWORD)
