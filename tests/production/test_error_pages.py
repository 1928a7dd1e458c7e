"""Error pages say what happened in a sentence, in the person's language, and nothing about the inside."""

from __future__ import annotations

from signaal.accounts.models import Role
from web_forms import submit_form


def test_404_is_a_page_for_people(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "This page does not exist" in html and 'href="/"' in html


def test_403_for_a_page_of_another_role(client, make_user, login):
    login(make_user(role=Role.PARTICIPANT))
    response = client.get("/admin/audit/")
    assert response.status_code == 403
    assert "You do not have access to this page." in response.get_data(as_text=True)


def test_429_after_too_many_attempts(app, client, make_user):
    app.config["SIGNAAL_LOGIN_LIMIT"] = "2 per minute"
    user = make_user()
    for _ in range(2):
        submit_form(client, "/account/login", {"username": user.username, "password": "wrong-one"})
    response = submit_form(client, "/account/login", {"username": user.username, "password": "wrong-one"})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_500_reveals_nothing_about_the_inside(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/broken")
    def broken():
        raise RuntimeError("secret detail: /srv/signaal/db password=hunter2")

    response = client.get("/broken")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Something went wrong on our side" in html
    assert "secret detail" not in html and "Traceback" not in html and "RuntimeError" not in html


def test_error_pages_follow_the_readers_language(client):
    response = client.get("/no-such-page", headers={"Accept-Language": "ar"})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
