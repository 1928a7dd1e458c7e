"""A participant downloads their data and deletes their account; the statistics stay right."""

from __future__ import annotations

import json

from signaal.accounts.models import User
from signaal.audit.models import AuditEntry
from signaal.certificates.models import Certificate
from signaal.extensions import db
from web_forms import PASSWORD, csrf_token_from, submit_form

from participants import complete_tiny_course, join, organisation_totals


def test_the_download_holds_account_progress_attempts_and_certificates(client, make_user, login, tiny_course):
    user = login(make_user(email="marta@example.org", display_name="Marta K."))
    join(user)
    complete_tiny_course(client, tiny_course)
    response = client.get("/account/data/signaal-data.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["username"] == user.username
    assert data["account"]["email"] == "marta@example.org"
    assert data["organisations"] == ["Gemeente Tilburg"]
    (course,) = data["courses"]
    assert course["course"] == "tiny" and course["completed_at"] and len(course["modules"]) == 2
    assert data["account"]["last_active_at"] == course["last_active_at"]  # the person's is their latest course's
    assert data["quiz_attempts"] and all(a["passed"] for a in data["quiz_attempts"])
    (certificate,) = data["certificates"]
    assert certificate["code"] == db.session.scalar(db.select(Certificate.code))
    assert "password" not in json.dumps(data).lower()


def test_the_download_holds_only_ones_own_data(client, make_user, login, tiny_course):
    other = make_user(email="other@example.org")
    login(other)
    complete_tiny_course(client, tiny_course)
    client.post("/account/logout", data={"csrf_token": csrf_token_from(client, "/")})
    me = login(make_user())
    data = json.loads(client.get("/account/data/signaal-data.json").get_data(as_text=True))
    assert data["account"]["username"] == me.username
    assert data["courses"] == data["quiz_attempts"] == data["certificates"] == []


def test_the_download_needs_signing_in(client):
    assert client.get("/account/data/signaal-data.json").status_code == 302


def test_deleting_removes_the_person_and_keeps_the_counts(client, make_user, login, tiny_course):
    user = login(make_user(username="marta", email="marta@example.org", display_name="Marta K."))
    organisation = join(user)
    complete_tiny_course(client, tiny_course)
    before = organisation_totals(organisation)
    code = db.session.scalar(db.select(Certificate.code))

    response = submit_form(client, "/account/data/delete", {"password": PASSWORD}, form_page="/account/data/")
    assert response.status_code == 302

    db.session.expire_all()
    tombstone = db.session.get(User, user.id)
    assert tombstone.deleted_at is not None
    assert tombstone.username != "marta" and tombstone.display_name == "" and tombstone.email is None
    assert tombstone.last_seen_at is None and tombstone.last_active_at is None
    assert not tombstone.check_password(PASSWORD)
    assert db.session.scalar(db.select(Certificate.holder_name).filter_by(code=code)) == ""
    assert organisation_totals(organisation) == before
    assert before and before[0].completed == 1
    (entry,) = db.session.scalars(db.select(AuditEntry).filter_by(action="account.delete"))
    assert entry.target == f"user:{user.id}" and "marta" not in json.dumps(entry.details) + entry.actor_name

    # Signed out, and the old name and password open nothing.
    assert client.get("/account/data/").status_code == 302
    again = submit_form(client, "/account/login", {"username": "marta", "password": PASSWORD})
    assert again.status_code == 400
    # The name is free again.
    assert submit_form(
        client, "/account/register", {"username": "marta", "password": PASSWORD, "confirm": PASSWORD}
    ).status_code == 302


def test_a_session_on_another_device_ends_with_the_deletion(app, client, make_user, login):
    user = login(make_user())
    other_device = app.test_client()
    submit_form(other_device, "/account/login", {"username": user.username, "password": PASSWORD})
    assert other_device.get("/account/data/").status_code == 200
    submit_form(client, "/account/data/delete", {"password": PASSWORD}, form_page="/account/data/")
    assert other_device.get("/account/data/").status_code == 302


def test_deleting_needs_the_password_and_a_csrf_token(client, make_user, login):
    user = login(make_user())
    wrong = submit_form(client, "/account/data/delete", {"password": "not-mine"}, form_page="/account/data/")
    assert wrong.status_code == 400 and "This password is not right." in wrong.get_data(as_text=True)
    forged = client.post("/account/data/delete", data={"password": PASSWORD})
    assert forged.status_code == 400
    db.session.expire_all()
    assert db.session.get(User, user.id).deleted_at is None

