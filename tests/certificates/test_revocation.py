"""Revocation: by an admin or a coordinator of the holder's organisation, with a reason, audited."""

from __future__ import annotations

import pytest

from certificate_helpers import earn_certificate, member_of
from signaal.accounts.models import Role
from signaal.audit.models import AuditEntry
from signaal.extensions import db
from web_forms import submit_form

REASON = "Completed by someone else on the participant's behalf"


@pytest.fixture
def certificate(make_user, tiny_course):
    holder = make_user(display_name="Holder Name")
    member_of(holder, "Gemeente Tilburg")
    return earn_certificate(holder, tiny_course)


def revoke(client, certificate, reason=REASON):
    return submit_form(
        client, f"/verify/{certificate.code}/revoke", {"reason": reason}, form_page=f"/verify/{certificate.code}"
    )


def audit_entries() -> list[AuditEntry]:
    return list(db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "certificate.revoke")))


def test_a_coordinator_of_the_holders_organisation_revokes_with_a_reason(app, client, login, make_user, certificate):
    coordinator = make_user(role=Role.COORDINATOR)
    member_of(coordinator, "Gemeente Tilburg")
    login(coordinator)
    assert "Revoke this certificate" in client.get(f"/verify/{certificate.code}").get_data(as_text=True)

    response = revoke(client, certificate)
    assert response.status_code == 302

    db.session.refresh(certificate)
    assert certificate.revoked_at is not None and certificate.revoked_reason == REASON
    (entry,) = audit_entries()
    assert entry.actor_id == coordinator.id
    assert entry.target == f"certificate:{certificate.code}"
    assert entry.details == {"reason": REASON}
    public = app.test_client().get(f"/verify/{certificate.code}").get_data(as_text=True)  # anyone
    assert "Revoked" in public and REASON not in public


def test_an_admin_revokes_any_certificate(client, login, make_user, certificate):
    login(make_user(role=Role.ADMIN))
    assert revoke(client, certificate).status_code == 302
    db.session.refresh(certificate)
    assert certificate.revoked_at is not None


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.PARTICIPANT, Role.TRAINER])
def test_others_cannot_revoke_and_nothing_changes(client, login, make_user, certificate, role):
    outsider = make_user(role=role)
    member_of(outsider, "Gemeente Breda")  # another organisation
    login(outsider)
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert "Revoke this certificate" not in page
    token_page = "/certificates"  # any page of theirs with a CSRF token
    response = submit_form(client, f"/verify/{certificate.code}/revoke", {"reason": REASON}, form_page=token_page)
    assert response.status_code == 403
    db.session.refresh(certificate)
    assert certificate.revoked_at is None and certificate.revoked_reason is None
    assert audit_entries() == []


def test_a_reason_is_required(client, login, make_user, certificate):
    login(make_user(role=Role.ADMIN))
    response = revoke(client, certificate, reason="   ")
    assert response.status_code == 400
    assert "Please give a reason." in response.get_data(as_text=True)
    db.session.refresh(certificate)
    assert certificate.revoked_at is None


def test_revoking_needs_the_csrf_token(client, login, make_user, certificate):
    login(make_user(role=Role.ADMIN))
    response = client.post(f"/verify/{certificate.code}/revoke", data={"reason": REASON})
    assert response.status_code == 400
    db.session.refresh(certificate)
    assert certificate.revoked_at is None


def test_an_unknown_code_is_not_found(client, login, make_user, tiny_course):
    login(make_user(role=Role.ADMIN))
    response = submit_form(client, "/verify/0000-0000-0000-0000-0/revoke", {"reason": REASON}, form_page="/certificates")
    assert response.status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, certificate):
    response = client.post(f"/verify/{certificate.code}/revoke", data={"reason": REASON})
    assert response.status_code in (302, 400)  # no session: sign-in first (or the CSRF check)
    db.session.refresh(certificate)
    assert certificate.revoked_at is None
