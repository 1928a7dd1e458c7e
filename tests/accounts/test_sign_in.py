"""Registration and sign-in."""

from __future__ import annotations

from web_forms import PASSWORD, csrf_token_from, submit_form
from signaal.accounts.models import User
from signaal.extensions import db


def test_forms_without_csrf_token_are_refused(client):
    response = client.post(
        "/account/register", data={"username": "x1234", "password": "pw123456", "confirm": "pw123456"}
    )
    assert response.status_code == 400
    assert db.session.scalar(db.select(User)) is None


def test_duplicate_user_name_is_refused_case_insensitively(client, make_user):
    make_user(username="anna")
    response = submit_form(
        client, "/account/register", {"username": "ANNA", "password": "pw123456", "confirm": "pw123456"}
    )
    assert response.status_code == 400
    assert "This user name is taken" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 1


def test_malformed_registration_gets_messages_next_to_fields(client):
    response = submit_form(
        client, "/account/register", {"username": "a b", "password": "short", "confirm": "other"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="username-error"' in html and 'id="password-error"' in html and 'id="confirm-error"' in html
    assert 'aria-invalid="true"' in html
    assert db.session.scalar(db.select(User)) is None


def test_wrong_password_and_unknown_user_get_the_same_answer(client, make_user):
    user = make_user()
    wrong = submit_form(client, "/account/login", {"username": user.username, "password": "nope-nope"})
    unknown = submit_form(client, "/account/login", {"username": "nobody", "password": "nope-nope"})
    assert wrong.status_code == unknown.status_code == 400
    message = "The user name or password is not right."
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)


def test_login_renews_the_session_and_logout_ends_it(client, make_user):
    user = make_user()
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    submit_form(client, "/account/login", {"username": user.username, "password": PASSWORD})
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == user.get_id() == f"{user.id}:0"
    token = csrf_token_from(client, "/")
    client.post("/account/logout", data={"csrf_token": token})
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_login_never_redirects_off_site(client, make_user):
    user = make_user()
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = submit_form(
            client,
            f"/account/login?next={target}",
            {"username": user.username, "password": PASSWORD},
        )
        assert response.location == "/", target
        client.get("/")  # keep the session; sign in again next loop
    response = submit_form(
        client, "/account/login?next=/courses/tiny", {"username": user.username, "password": PASSWORD}
    )
    assert response.location == "/courses/tiny"


def test_users_create_command_prints_a_one_time_password(app, runner):
    result = runner.invoke(args=["users", "create", "coord", "--role", "coordinator"])
    assert result.exit_code == 0, result.output
    password = result.output.split("one-time password: ")[1].strip()
    user = db.session.scalar(db.select(User).filter_by(username="coord"))
    assert user.role == "coordinator" and user.check_password(password)
    again = runner.invoke(args=["users", "create", "coord"])
    assert again.exit_code != 0 and "taken" in again.output
