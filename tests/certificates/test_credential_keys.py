"""Signing keys shared by every app server through the database, and their rotation."""

from __future__ import annotations

import threading
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificate_helpers import earn_certificate, expire
from signaal import create_app
from signaal.audit.models import AuditEntry
from signaal.certificates.key_store import CredentialKey, ensure_signing_key, signing_key
from signaal.certificates.signing_key import KeyNotUnsealed, public_jwk
from signaal.clock import today, utcnow
from signaal.extensions import db


@pytest.fixture
def second_server(app, tmp_path):
    """Another app server: its own instance folder, the same database and SECRET_KEY."""
    other = make_server(app, tmp_path / "server-b")
    yield other
    dispose(other)


def make_server(app, instance, **changes):
    config = {
        key: app.config[key]
        for key in ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "COURSES_PATH",
                    "PASSWORD_HASH_METHOD", "FONT_CACHE_PATH")
    }
    server = create_app({**config, "INSTANCE_PATH": str(instance), **changes})
    server.test_client_class = app.test_client_class  # each request in its own context, as in production
    return server


def dispose(server):
    with server.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def participant(client, login, make_user, tiny_course):
    user = login(make_user())
    return earn_certificate(user, tiny_course)


def download(client, certificate) -> str:
    response = client.get(f"/certificates/{certificate.code}.jwt")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def jwks(server) -> dict:
    response = server.test_client().get("/.well-known/jwks.json")
    assert response.status_code == 200
    return response.get_json()


def verify(token: str, key_set: dict) -> dict:
    """What a verifier does: pick the key by the credential's kid, check signature and dates."""
    kid = jwt.get_unverified_header(token)["kid"]
    matching = [key for key in key_set["keys"] if key["kid"] == kid]
    assert matching, f"key {kid} is not published"
    return jwt.decode(token, jwt.PyJWK(matching[0]).key, algorithms=["EdDSA"])


def rotate(app):
    result = app.test_cli_runner().invoke(args=["credentials", "rotate-key"])
    assert result.exit_code == 0, result.output
    return result


def test_every_server_publishes_and_signs_with_the_same_key(app, client, participant, second_server):
    token = download(client, participant)
    assert jwks(second_server) == jwks(app)
    assert verify(token, jwks(second_server))["jti"].endswith(participant.code)
    # Neither instance folder holds a key: nothing that matters lives on one machine.
    assert not list(Path(second_server.instance_path).glob("*.pem")) and not list(Path(app.instance_path).glob("*.pem"))


def test_credentials_signed_before_and_after_a_rotation_both_verify_on_both_servers(
    app, client, participant, second_server
):
    before = download(client, participant)
    result = rotate(app)
    after = download(client, participant)

    old_kid, new_kid = jwt.get_unverified_header(before)["kid"], jwt.get_unverified_header(after)["kid"]
    assert old_kid != new_kid and new_kid in result.output
    for server in (app, second_server):
        published = jwks(server)
        assert [key["kid"] for key in published["keys"]] == [new_kid, old_kid]  # the signing key first
        verify(before, published)
        verify(after, published)
    assert db.session.scalar(db.select(AuditEntry.action).filter_by(target=f"credential-key:{new_kid}")) == (
        "credentials.rotate-key"
    )


def test_a_retired_key_keeps_no_private_half(app, client, participant):
    download(client, participant)
    rotate(app)
    keys = db.session.scalars(db.select(CredentialKey).order_by(CredentialKey.generation)).all()
    assert [key.generation for key in keys] == [1, 2]
    assert keys[0].sealed_private_key is None and keys[0].retired_at is not None
    assert keys[1].sealed_private_key is not None and keys[1].retired_at is None


def test_a_retired_key_leaves_the_key_set_when_its_credentials_have_expired(app, client, participant):
    download(client, participant)
    rotate(app)
    assert len(jwks(app)["keys"]) == 2
    expire(participant)  # the only credential the old key signed is no longer valid
    (only,) = jwks(app)["keys"]
    assert only["kid"] == db.session.scalar(db.select(CredentialKey.kid).filter_by(generation=2))


def test_a_key_that_signed_nothing_is_not_kept_published(app):
    jwks(app)
    rotate(app)
    assert len(jwks(app)["keys"]) == 1


def test_a_certificate_that_never_expires_keeps_its_key_published(app, client, participant):
    participant.expires_on = None
    db.session.commit()
    token = download(client, participant)
    rotate(app)
    participant.issued_at = participant.issued_at.replace(year=2000)  # long ago makes no difference
    db.session.commit()
    verify(token, jwks(app))


def test_the_key_set_may_be_cached_only_briefly(app):
    response = app.test_client().get("/.well-known/jwks.json")
    assert response.cache_control.public and 0 < response.cache_control.max_age <= 300


def test_the_private_key_is_stored_encrypted_with_the_secret_key(app, client, participant, tmp_path):
    token = download(client, participant)
    stored = db.session.scalar(db.select(CredentialKey))
    signing = jwks(app)["keys"][0]
    assert stored.kid == signing["kid"] == jwt.get_unverified_header(token)["kid"]
    assert stored.public_x == signing["x"]
    assert len(stored.sealed_private_key) == 1 + 12 + 32 + 16  # format, nonce, encrypted key, tag

    db.session.commit()  # end this test's transaction, as a request would (SQLite's write lock)
    elsewhere = make_server(app, tmp_path / "other-secret", SECRET_KEY="not-the-same-secret")
    try:
        with elsewhere.app_context():  # the CLI runs in the app context it finds
            with pytest.raises(KeyNotUnsealed, match="same SECRET_KEY"):
                signing_key()
            result = elsewhere.test_cli_runner().invoke(args=["credentials", "keys"])
        assert result.exit_code != 0 and "same SECRET_KEY" in result.output
    finally:
        dispose(elsewhere)
    ok = app.test_cli_runner().invoke(args=["credentials", "keys"])
    assert ok.exit_code == 0 and f"{stored.kid}  signs" in ok.output and "can sign" in ok.output


def test_two_servers_starting_at_once_agree_on_one_key(app, tmp_path):
    servers = [make_server(app, tmp_path / f"server-{n}") for n in range(4)]
    start = threading.Barrier(len(servers))
    kids, errors = [], []

    def first_request(server):
        with server.app_context():
            try:
                start.wait()
                ensure_signing_key()
                db.session.commit()
                kids.append(jwks(server)["keys"][0]["kid"])
            except Exception as error:  # reported below, in the test's thread
                errors.append(error)
            finally:
                db.session.remove()

    db.session.commit()
    threads = [threading.Thread(target=first_request, args=(server,)) for server in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for server in servers:
        dispose(server)
    assert errors == []
    assert len(set(kids)) == 1 and len(kids) == len(servers)
    assert db.session.scalar(db.select(db.func.count()).select_from(CredentialKey)) == 1


def test_an_old_instance_key_file_is_taken_into_the_database(app, client, participant, tmp_path):
    """Upgrading: the key made by an older Signaal keeps signing, now for every server."""
    legacy = write_key(tmp_path / "instance" / "credential_key.pem")
    token = download(client, participant)
    assert jwt.get_unverified_header(token)["kid"] == legacy["kid"]
    assert db.session.scalar(db.select(CredentialKey.kid).filter_by(generation=1)) == legacy["kid"]


def test_another_servers_old_key_file_stays_published_but_signs_no_more(app, client, participant, tmp_path):
    """Before keys were shared every server made its own: server B's credentials must verify too."""
    signing_kid = jwks(app)["keys"][0]["kid"]
    legacy_b = write_key(tmp_path / "server-b" / "credential_key.pem")
    participant.first_downloaded_at = utcnow()  # the participant downloaded it from server B
    db.session.commit()
    server_b = make_server(app, tmp_path / "server-b")
    try:
        published = [key["kid"] for key in jwks(server_b)["keys"]]
    finally:
        dispose(server_b)
    assert published == [signing_kid, legacy_b["kid"]]
    row = db.session.scalar(db.select(CredentialKey).filter_by(kid=legacy_b["kid"]))
    assert row.generation is None and row.sealed_private_key is None and row.retired_at is not None
    assert jwt.get_unverified_header(download(client, participant))["kid"] == signing_kid


def test_a_configured_key_file_signs_and_stays_published_when_removed(app, client, participant, tmp_path):
    """SIGNAAL_CREDENTIAL_KEY takes precedence over the database; rotate-key then refuses."""
    configured = write_key(tmp_path / "secrets" / "signaal.pem")
    app.config["CREDENTIAL_KEY_FILE"] = str(tmp_path / "secrets" / "signaal.pem")
    from_file = download(client, participant)
    assert jwt.get_unverified_header(from_file)["kid"] == configured["kid"]
    refused = app.test_cli_runner().invoke(args=["credentials", "rotate-key"])
    assert refused.exit_code != 0 and "SIGNAAL_CREDENTIAL_KEY" in refused.output

    app.config["CREDENTIAL_KEY_FILE"] = None  # back to keys in the database
    from_database = download(client, participant)
    assert jwt.get_unverified_header(from_database)["kid"] != configured["kid"]
    verify(from_file, jwks(app))
    verify(from_database, jwks(app))


def write_key(path) -> dict:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ))
    return public_jwk(key.public_key())


def test_expiry_dates_are_end_of_day_for_key_publication(app, client, participant):
    """A credential is valid through its expiry date, so its key is published through that day."""
    download(client, participant)
    rotate(app)
    participant.expires_on = today()
    db.session.commit()
    assert len(jwks(app)["keys"]) == 2
