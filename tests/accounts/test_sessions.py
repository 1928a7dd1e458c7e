"""Sessions the server can end: a copied cookie stops working after sign-out, password change,
reset, role change and deletion, on every device; so does a remember-me cookie."""

from __future__ import annotations

import pytest
from flask_login.utils import encode_cookie

from signaal.accounts.models import Role
from signaal.extensions import db
from signaal.organisations.groups import reset_password
from web_forms import PASSWORD, csrf_token_from, submit_form

PRIVATE_PAGE = "/account/data/"
NEW_PASSWORD = "lantaarn kiwi dijkgraaf zomer"


@pytest.fixture
def signed_in(app, client, make_user, login):
    """A participant signed in on `client`, and a copy of the session cookie as a thief would have it."""
    user = login(make_user())
    return user, client.get_cookie("session").value


def works(app, cookie: str) -> bool:
    """Whether the copied session cookie still opens a private page, from another browser."""
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    return thief.get(PRIVATE_PAGE).status_code == 200


def test_the_copy_works_while_the_session_lasts(app, signed_in):
    assert works(app, signed_in[1])


def test_sign_out_ends_the_copied_session(app, client, signed_in):
    client.post("/account/logout", data={"csrf_token": csrf_token_from(client, "/")})
    assert not works(app, signed_in[1])


def test_a_password_change_ends_other_sessions_but_keeps_this_one(app, client, signed_in):
    response = submit_form(
        client, "/account/password", {"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert not works(app, signed_in[1])
    assert client.get(PRIVATE_PAGE).status_code == 200


def test_a_coordinators_reset_ends_the_participants_sessions(app, signed_in, make_user):
    user, cookie = signed_in
    reset_password(make_user(Role.COORDINATOR), user)
    db.session.commit()
    assert not works(app, cookie)


def test_a_role_change_ends_the_sessions(app, runner, signed_in):
    user, cookie = signed_in
    result = runner.invoke(args=["users", "set-role", user.username, "trainer"])
    assert result.exit_code == 0, result.output
    assert not works(app, cookie)


def test_deleting_the_account_ends_the_sessions(app, client, signed_in):
    submit_form(client, "/account/data/delete", {"password": PASSWORD}, form_page=PRIVATE_PAGE)
    assert not works(app, signed_in[1])


def test_sign_out_everywhere(app, client, signed_in):
    page = client.get("/account/password").get_data(as_text=True)
    assert "Sign out on every device" in page
    response = submit_form(client, "/account/sign-out-everywhere", {}, form_page="/account/password")
    assert response.status_code == 302
    assert not works(app, signed_in[1])
    assert client.get(PRIVATE_PAGE).status_code == 302  # this browser too


def test_a_remember_me_cookie_ends_with_the_sessions(app, signed_in):
    user, _cookie = signed_in
    with app.test_request_context():
        remember = encode_cookie(user.get_id())
    browser = app.test_client()
    browser.set_cookie("remember_token", remember)
    assert browser.get(PRIVATE_PAGE).status_code == 200
    from signaal.accounts.session import end_all_sessions

    end_all_sessions(user)
    db.session.commit()
    other = app.test_client()
    other.set_cookie("remember_token", remember)
    assert other.get(PRIVATE_PAGE).status_code == 302


def test_one_account_signing_out_leaves_others_signed_in(app, client, make_user, login, signed_in):
    other_browser = app.test_client()
    someone = make_user()
    submit_form(other_browser, "/account/login", {"username": someone.username, "password": PASSWORD})
    client.post("/account/logout", data={"csrf_token": csrf_token_from(client, "/")})
    assert other_browser.get(PRIVATE_PAGE).status_code == 200


def test_a_session_expires_after_its_lifetime(app, signed_in):
    from datetime import timedelta

    _user, cookie = signed_in
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(days=14)
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=-1)  # as if 14 days had passed
    assert not works(app, cookie)
