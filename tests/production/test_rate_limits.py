"""Sign-in and registration are rate limited per client address; the answers name no accounts."""

from __future__ import annotations

import re

from web_forms import PASSWORD, csrf_token_from, submit_form


CSRF_VALUE = re.compile(r'(?<=name="csrf_token" type="hidden" value=")[^"]+|(?<=name="csrf_token" value=")[^"]+')


def failed_login(client, username: str):
    return submit_form(client, "/account/login", {"username": username, "password": "not-the-password"})


def test_failed_sign_ins_are_limited(app, client, make_user):
    app.config["SIGNAAL_LOGIN_LIMIT"] = "3 per minute"
    user = make_user()
    assert [failed_login(client, user.username).status_code for _ in range(3)] == [400] * 3
    assert failed_login(client, user.username).status_code == 429
    # The right password does not get through either while the limit lasts.
    right = submit_form(client, "/account/login", {"username": user.username, "password": PASSWORD})
    assert right.status_code == 429
    assert client.get("/account/login").status_code == 200  # reading the form is not limited


def test_successful_sign_ins_do_not_use_up_the_limit(app, client, make_user):
    """A class signs in together from one address."""
    app.config["SIGNAAL_LOGIN_LIMIT"] = "3 per minute"
    for user in [make_user() for _ in range(5)]:
        response = submit_form(client, "/account/login", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302
        client.post("/account/logout", data={"csrf_token": csrf_token_from(client, "/")})


def test_the_limit_is_per_client_address(app, client, make_user):
    app.config["SIGNAAL_LOGIN_LIMIT"] = "1 per minute"
    user = make_user()
    failed_login(client, user.username)
    assert failed_login(client, user.username).status_code == 429
    token = csrf_token_from(client, "/account/login")
    elsewhere = client.post(
        "/account/login",
        data={"csrf_token": token, "username": user.username, "password": "nope-nope"},
        environ_base={"REMOTE_ADDR": "192.0.2.44"},
    )
    assert elsewhere.status_code == 400


def test_registrations_are_limited(app, client):
    app.config["SIGNAAL_REGISTER_LIMIT"] = "2 per hour"

    def register(name):
        return submit_form(
            client, "/account/register", {"username": name, "password": PASSWORD, "confirm": PASSWORD}
        )

    assert register("first-one").status_code == 302
    client.post("/account/logout", data={"csrf_token": csrf_token_from(client, "/")})
    assert register("second-one").status_code == 302
    client.post("/account/logout", data={"csrf_token": csrf_token_from(client, "/")})
    assert register("third-one").status_code == 429


def test_unknown_name_and_wrong_password_get_the_same_page(client, make_user):
    user = make_user()
    wrong = failed_login(client, user.username)
    unknown = failed_login(client, "nobody-here")
    assert wrong.status_code == unknown.status_code == 400
    assert page_without(wrong, user.username) == page_without(unknown, "nobody-here")


def page_without(response, username: str) -> str:
    """The page minus what may differ by design: the echoed name and the CSRF token."""
    html = response.get_data(as_text=True).replace(username, "NAME")
    return CSRF_VALUE.sub("TOKEN", html)
