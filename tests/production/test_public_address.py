"""One public address: absolute links and the credential issuer use it; other hosts get 400."""

from __future__ import annotations

import re

import pytest

from signaal import create_app
from signaal.config import trusted_hosts
from signaal.extensions import db

from databases import database_url_for

PUBLIC = "https://signaal.example.nl"


@pytest.fixture
def public_app(tmp_path, font_cache):
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url_for(tmp_path),
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "FONT_CACHE_PATH": font_cache,
            "PUBLIC_URL": PUBLIC + "/",
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def test_the_setting_gives_the_trusted_hosts(public_app):
    assert public_app.config["PUBLIC_URL"] == PUBLIC
    assert public_app.config["TRUSTED_HOSTS"] == ["signaal.example.nl"]
    # On one's own computer every loopback name works (make run, the tests).
    assert set(trusted_hosts("http://127.0.0.1:5000")) == {"127.0.0.1", "localhost", "::1"}


@pytest.mark.parametrize("url", ["signaal.example.nl", "ftp://x.nl", "https://x.nl/signaal", "https://"])
def test_a_wrong_setting_stops_with_a_message(tmp_path, url):
    with pytest.raises(SystemExit, match="SIGNAAL_PUBLIC_URL"):
        create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x", "PUBLIC_URL": url})


@pytest.mark.parametrize("host", ["evil.example", "signaal.example.nl.evil.example", "127.0.0.1"])
def test_another_host_gets_a_clear_400_page(public_app, host):
    response = public_app.test_client().get("/", headers={"Host": host})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Something in the request was not right" in page
    assert "Traceback" not in page and host not in page


def test_absolute_links_use_the_public_address(public_app):
    (issuer_path,) = [rule.rule for rule in public_app.url_map.iter_rules() if rule.endpoint == "certificates.issuer"]
    # The proxy forwarded plain http on another port: links still name the public address.
    response = public_app.test_client().get(issuer_path, headers={"Host": "signaal.example.nl:8000"})
    profile = response.get_json()
    assert profile["id"] == PUBLIC + issuer_path
    assert profile["url"] == PUBLIC + "/"
    assert response.headers["Strict-Transport-Security"]  # the public address is https


def test_an_invitation_link_names_the_public_address(public_app):
    from signaal.accounts.models import Role
    from signaal.accounts.registry import create_user
    from signaal.organisations.groups import create_group
    from signaal.organisations.models import Membership, Organisation

    from web_forms import PASSWORD

    with public_app.app_context():
        coordinator = create_user("coordinator-a", PASSWORD, role=Role.COORDINATOR)
        organisation = Organisation(name="Gemeente Breda")
        db.session.add(organisation)
        db.session.flush()
        db.session.add(Membership(user_id=coordinator.id, organisation_id=organisation.id))
        group = create_group(None, organisation, "Week 1")
        db.session.commit()
        group_id, token = group.id, group.invite_token
    client = public_app.test_client()
    host = {"Host": "signaal.example.nl:8000"}  # as a proxy may forward it
    token_page = client.get("/account/login", headers=host).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', token_page).group(1)
    form = {"username": "coordinator-a", "password": PASSWORD, "csrf_token": csrf}
    # Over https Flask-WTF also wants the Referer of this site, which browsers send (same-origin).
    posted = client.post("/account/login", data=form, headers={**host, "Referer": PUBLIC + "/account/login"})
    assert posted.status_code == 302
    response = client.get(f"/organisations/groups/{group_id}", headers=host)
    page = response.get_data(as_text=True)
    assert response.status_code == 200, (response.status_code, response.headers.get("Location"))
    assert f"{PUBLIC}/join/{token}" in page
