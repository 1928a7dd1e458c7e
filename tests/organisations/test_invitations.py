"""Joining a group with its invite link or short code: expired, reused and wrong codes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from signaal.clock import today
from signaal.extensions import db
from signaal.organisations.groups import create_group
from signaal.organisations.invites import CODE_ALPHABET, display_code
from signaal.organisations.models import GroupMember, Membership, Organisation
from web_forms import PASSWORD, submit_form


@pytest.fixture
def group(app, tiny_course):
    organisation = Organisation(name="Gemeente Tilburg")
    db.session.add(organisation)
    db.session.commit()
    return create_group(None, organisation, "Intake March", course_ids=["tiny"])


def count(model, **keys) -> int:
    return db.session.scalar(select(func.count()).select_from(model).filter_by(**keys))


def test_codes_are_short_and_unambiguous(group):
    assert len(group.invite_code) == 8
    assert set(group.invite_code) <= set(CODE_ALPHABET)
    assert not set("0O1IL5S") & set(CODE_ALPHABET)
    assert len(group.invite_token) >= 40


def test_a_newcomer_follows_the_link_registers_and_joins(client, group):
    link = f"/join/{group.invite_token}"
    page = client.get(link).get_data(as_text=True)
    assert "Intake March" in page and f"/account/register?next=/join/{group.invite_token}" in page

    registered = submit_form(
        client, f"/account/register?next={link}",
        {"username": "marta", "password": PASSWORD, "confirm": PASSWORD, "email": ""},
    )
    assert registered.status_code == 302 and registered.location.endswith(link)
    joined = submit_form(client, link, {})
    assert joined.status_code == 302
    assert count(GroupMember, group_id=group.id) == 1
    # Joining a group makes the person a member of its organisation.
    assert count(Membership, organisation_id=group.organisation_id) == 1


def test_joining_twice_does_nothing(client, login, make_user, group):
    login(make_user())
    link = f"/join/{group.invite_token}"
    submit_form(client, link, {})
    again = submit_form(client, link, {})
    assert again.status_code == 302
    assert "You are already in Intake March" in client.get("/").get_data(as_text=True)
    assert count(GroupMember, group_id=group.id) == 1
    assert count(Membership, organisation_id=group.organisation_id) == 1
    assert "You are already in Intake March" in client.get(link).get_data(as_text=True)


def test_a_code_typed_in_lower_case_with_a_space_finds_the_group(client, group):
    typed = display_code(group.invite_code).lower().replace("-", " ")
    response = submit_form(client, "/join/", {"code": typed})
    assert response.status_code == 302
    assert response.location.endswith(f"/join/{group.invite_token}")


def test_a_wrong_code_says_so_next_to_the_field(client, group):
    response = submit_form(client, "/join/", {"code": "ABCD-EFGH" if group.invite_code != "ABCDEFGH" else "HGFE-DCBA"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="code-error"' in page and "This code is not right" in page


def test_an_expired_code_and_link_say_so(client, group):
    group.expires_on = today() - timedelta(days=1)
    db.session.commit()
    response = submit_form(client, "/join/", {"code": group.invite_code})
    assert response.status_code == 400
    assert "This invitation has expired" in response.get_data(as_text=True)
    link = client.get(f"/join/{group.invite_token}")
    assert link.status_code == 410 and "This invitation has expired" in link.get_data(as_text=True)


def test_the_last_day_still_works(client, login, make_user, group):
    group.expires_on = today()
    db.session.commit()
    login(make_user())
    assert submit_form(client, f"/join/{group.invite_token}", {}).status_code == 302
    assert count(GroupMember, group_id=group.id) == 1


def test_an_unknown_link_is_not_found(client, group):
    assert client.get("/join/" + "x" * 43).status_code == 404
    assert client.get("/join/short").status_code == 404


def test_guessing_codes_is_rate_limited(app, client, group):
    app.config["SIGNAAL_JOIN_GUESS_LIMIT"] = "3 per minute"
    guesses = ["ZZZZ-ZZZZ", "ZZZZ-ZZZY", "ZZZZ-ZZZX", "ZZZZ-ZZZW"]
    statuses = [submit_form(client, "/join/", {"code": code}).status_code for code in guesses]
    assert statuses == [400, 400, 400, 429]
    # Guessing links counts in the same budget, and the right code waits as well.
    assert client.get("/join/" + "x" * 43).status_code == 429
    assert submit_form(client, "/join/", {"code": group.invite_code}).status_code == 429
    # Another address is not affected.
    other = {"REMOTE_ADDR": "192.0.2.9"}
    assert client.get(f"/join/{group.invite_token}", environ_base=other).status_code == 200


def test_a_class_behind_one_address_joins_together(app, client, make_user, login, group):
    """Forty people on the school's one NAT address: with the link and with the code, nobody is turned away."""
    from web_forms import csrf_token_from

    for number in range(40):
        person = make_user()
        login(person)
        if number % 2:
            assert submit_form(client, "/join/", {"code": display_code(group.invite_code)}).status_code == 302
        assert client.get(f"/join/{group.invite_token}").status_code == 200
        assert submit_form(client, f"/join/{group.invite_token}", {}).status_code == 302
        client.post("/account/logout", data={"csrf_token": csrf_token_from(client, "/")})
    assert count(GroupMember, group_id=group.id) == 40


def test_one_invitation_from_one_address_has_a_ceiling(app, client, group, tiny_course):
    app.config["SIGNAAL_JOIN_LIMIT"] = "3 per minute"
    link = f"/join/{group.invite_token}"
    assert [client.get(link).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert client.get(link, environ_base={"REMOTE_ADDR": "192.0.2.9"}).status_code == 200
    other = create_group(None, group.organisation, "Intake April")
    assert client.get(f"/join/{other.invite_token}").status_code == 200


def test_joining_needs_a_signed_in_person(client, group):
    response = client.post(f"/join/{group.invite_token}", data={})
    assert response.status_code in (302, 400)
    assert count(GroupMember, group_id=group.id) == 0


def test_a_renewed_invitation_retires_the_old_link_and_code(client, login, make_user, group):
    from signaal.accounts.models import Role

    old_token, old_code = group.invite_token, group.invite_code
    coordinator = make_user(Role.COORDINATOR)
    db.session.add(Membership(user_id=coordinator.id, organisation_id=group.organisation_id))
    db.session.commit()
    login(coordinator)
    assert submit_form(client, f"/organisations/groups/{group.id}/renew", {}, form_page=f"/organisations/groups/{group.id}").status_code == 302
    assert client.get(f"/join/{old_token}").status_code == 404
    assert submit_form(client, "/join/", {"code": old_code}).status_code == 400
