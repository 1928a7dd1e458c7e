"""The participant's certificate list: status, expiry and both downloads."""

from __future__ import annotations

from certificate_helpers import earn_certificate, expire
from signaal.clock import utcnow
from signaal.extensions import db
from signaal.learning.progress import restart_course


def test_signing_in_is_needed(client):
    response = client.get("/certificates")
    assert response.status_code == 302 and "/account/login" in response.location


def test_an_empty_list_says_how_to_get_one(client, login, make_user):
    login(make_user())
    assert "Complete a course to receive one." in client.get("/certificates").get_data(as_text=True)


def test_each_certificate_with_status_expiry_and_download_links(client, login, make_user, tiny_course):
    user = login(make_user())
    old = expire(earn_certificate(user, tiny_course))
    old.revoked_at = utcnow()
    db.session.commit()
    restart_course(user, "tiny")
    current = earn_certificate(user, tiny_course)
    page = client.get("/certificates").get_data(as_text=True)
    # The revoked one downloads at once; the new one asks for the name first (the download fixes it).
    assert f"/certificates/{old.code}.pdf" in page and f"/certificates/{old.code}.jwt" in page
    assert f"/certificates/{current.code}/settings?download=pdf" in page
    assert f"/certificates/{current.code}/settings?download=jwt" in page
    assert "Revoked" in page and "Valid" in page
    assert current.expires_on.strftime("%Y") in page
    assert page.index(current.code) < page.index(old.code)  # newest first


def test_only_ones_own_certificates_are_listed(client, login, make_user, tiny_course):
    other = earn_certificate(make_user(), tiny_course)
    login(make_user())
    assert other.code not in client.get("/certificates").get_data(as_text=True)
