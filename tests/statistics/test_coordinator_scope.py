"""A coordinator reaches only their own organisation: every other id is "not found"."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from signaal.accounts.models import Role
from signaal.audit.models import AuditEntry
from signaal.extensions import db
from statistics_data import build
from web_forms import csrf_token_from, submit_form


@pytest.fixture
def data(make_user, tiny_course):
    return build(make_user, tiny_course)


def token(client) -> str:
    return csrf_token_from(client, "/join/")


def other_organisation_urls(data) -> list[str]:
    south, group, emil, north = data.south.id, data.south_group.id, data.people["emil"].id, data.north.id
    return [
        f"/statistics/?scope=org-{south}",
        f"/statistics/?scope=group-{group}",
        "/statistics/?scope=all",
        f"/statistics/courses/tiny?scope=org-{south}",
        f"/statistics/courses/tiny?scope=group-{group}",
        f"/statistics/expiring?scope=org-{south}",
        f"/statistics/participants?organisation={south}",
        f"/statistics/participants?organisation={north}&group={group}",
        f"/statistics/courses.csv?scope=org-{south}",
        f"/statistics/groups.csv?scope=group-{group}",
        f"/statistics/languages.csv?scope=all",
        f"/statistics/months.csv?scope=org-{south}",
        f"/statistics/funnel.csv?scope=org-{south}&course=tiny",
        f"/statistics/questions.csv?scope=org-{south}&course=tiny",
        f"/statistics/topics.csv?scope=org-{south}&course=tiny",
        f"/statistics/expiring.csv?scope=org-{south}&days=30",
        f"/statistics/participants.csv?organisation={south}",
        f"/organisations/{south}",
        f"/organisations/groups/{group}",
        f"/organisations/{south}/people/{emil}",
        f"/organisations/{north}/people/{emil}",  # Emil is in South, not North
        f"/organisations/{south}/import",
    ]


def test_every_statistics_and_management_url_of_another_organisation_is_not_found(client, login, data):
    login(data.coordinator)
    for url in other_organisation_urls(data):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Emil" not in response.get_data(as_text=True), url


def test_forms_of_another_organisation_change_nothing(client, login, data):
    login(data.coordinator)
    south, group, emil = data.south.id, data.south_group.id, data.people["emil"].id
    posts = {
        f"/organisations/{south}": {"name": "Sneaky"},
        f"/organisations/groups/{group}": {"expires_on": "2000-01-01"},
        f"/organisations/groups/{group}/renew": {},
        f"/organisations/{south}/people/{emil}/password": {},
        f"/organisations/{data.north.id}/people/{emil}/password": {},
        f"/organisations/{south}/import/logins.csv": {"username": ["emil"], "password": ["x"]},
        f"/organisations/{data.north.id}/import/logins.csv": {"username": ["emil"], "password": ["x"]},
    }
    code = data.south_group.invite_code
    for url, form in posts.items():
        assert client.post(url, data={**form, "csrf_token": token(client)}).status_code == 404, url
    db.session.refresh(data.south_group)
    assert data.south_group.invite_code == code and data.south_group.expires_on is None
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "account.reset-password")) is None


def test_participants_and_trainers_may_not_manage_or_see_statistics(client, login, make_user, data):
    login(data.people["anna"])
    for url in [f"/organisations/{data.north.id}", "/organisations/", f"/statistics/participants?organisation={data.north.id}",
                f"/statistics/courses.csv?scope=org-{data.north.id}", "/trainer/"]:
        assert client.get(url).status_code == 403, url


def test_a_coordinator_with_two_organisations_sees_them_together_with_suppression(client, login, make_user, data):
    from signaal.organisations.models import Membership

    db.session.add(Membership(user_id=data.coordinator.id, organisation_id=data.south.id))
    db.session.commit()
    login(data.coordinator)
    page = client.get("/statistics/").get_data(as_text=True)
    assert "All my organisations" in page and "numbers below 5 are hidden" in page
    assert client.get(f"/statistics/?scope=org-{data.south.id}").status_code == 200


def test_a_coordinator_resets_a_participants_password(client, login, data):
    login(data.coordinator)
    anna = data.people["anna"]
    url = f"/organisations/{data.north.id}/people/{anna.id}"
    response = submit_form(client, f"{url}/password", {}, form_page=url)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    password = response.get_data(as_text=True).split('<code class="invite-code">')[1].split("</code>")[0]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "account.reset-password"))
    assert entry.target == f"user:{anna.id}" and entry.actor_id == data.coordinator.id
    client.post("/account/logout", data={"csrf_token": token(client)})
    assert submit_form(client, "/account/login", {"username": "anna", "password": password}).status_code == 302


def test_password_resets_are_rate_limited(app, client, login, data):
    app.config["SIGNAAL_PASSWORD_RESET_LIMIT"] = "2 per hour"
    login(data.coordinator)
    url = f"/organisations/{data.north.id}/people/{data.people['anna'].id}"
    statuses = [submit_form(client, f"{url}/password", {}, form_page=url).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_a_coordinator_cannot_reset_a_colleagues_password(client, login, make_user, data):
    from signaal.organisations.models import Membership

    colleague = make_user(Role.COORDINATOR)
    db.session.add(Membership(user_id=colleague.id, organisation_id=data.north.id))
    db.session.commit()
    login(data.coordinator)
    assert client.post(f"/organisations/{data.north.id}/people/{colleague.id}/password",
                       data={"csrf_token": token(client)}).status_code == 404


def test_a_coordinator_creates_a_group_with_courses_and_an_expiry(client, login, data):
    login(data.coordinator)
    url = f"/organisations/{data.north.id}"
    response = submit_form(client, url, {"name": "Buitendienst", "expires_on": "2030-06-30", "courses": ["tiny"]})
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Buitendienst" in page and 'value="2030-06-30"' in page and '<input checked id="courses-0" name="courses" type="checkbox" value="tiny">' in page
    duplicate = submit_form(client, url, {"name": "Buitendienst"})
    assert duplicate.status_code == 400 and "has a group with this name" in duplicate.get_data(as_text=True)
    unknown_course = submit_form(client, url, {"name": "Other", "courses": ["no-such-course"]})
    assert unknown_course.status_code == 400


def test_odd_query_values_never_crash(client, login, data):
    login(data.coordinator)
    north = data.north.id
    for url, status in [
        ("/statistics/?scope=org-abc", 404), ("/statistics/?scope=group-", 404), ("/statistics/?scope=mine-9", 404),
        ("/statistics/nothing.csv", 404), ("/statistics/funnel.csv?course=nope", 404),
        (f"/statistics/expiring?scope=org-{north}&days=abc&page=-3", 200),
        (f"/statistics/participants?organisation={north}&page=999&sort=evil&status=bad", 200),
        ("/statistics/participants?organisation=abc", 404),
        ("/statistics/participants?organisation=99999999999999999999", 404),
        (f"/statistics/participants?organisation={north}&group=99999999999999999999", 404),
        (f"/statistics/participants?organisation={north}&page=99999999999999999999", 200),
        (f"/statistics/participants?organisation={north}&course=nope", 404),
        ("/organisations/99999999999", 404),
    ]:
        assert client.get(url).status_code == status, url
