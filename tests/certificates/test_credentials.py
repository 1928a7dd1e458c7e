"""The signed Open Badges 3.0 credential: verifiable with only the published public key."""

from __future__ import annotations

import base64
import json
import stat

import jwt
import pytest

from certificate_helpers import earn_certificate
from signaal.certificates.credentials import OB_CONTEXT, VC_CONTEXT
from signaal.certificates.signing_key import load_or_create_key, public_jwk


def b64url_json(part: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def b64url(value: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


@pytest.fixture
def downloaded(client, login, make_user, tiny_course):
    """A participant's credential as downloaded, and the certificate it is for."""
    user = login(make_user(display_name="Олена Ґонта"))
    certificate = earn_certificate(user, tiny_course)
    response = client.get(f"/certificates/{certificate.code}.jwt")
    assert response.status_code == 200
    assert response.mimetype == "application/vc+jwt"
    assert "attachment" in response.headers["Content-Disposition"]
    return response.get_data(as_text=True), certificate


def published_key(app):
    """What a third party does: fetch the JWKS from the platform's public address, nothing else."""
    response = app.test_client().get("/.well-known/jwks.json")
    assert response.status_code == 200
    (jwk,) = response.get_json()["keys"]
    assert set(jwk) >= {"kty", "crv", "x", "kid"} and "d" not in jwk  # never the private part
    return jwk


def test_the_signature_verifies_with_only_the_published_jwk(app, downloaded):
    token, certificate = downloaded
    jwk = published_key(app)
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA" and header["kid"] == jwk["kid"]

    credential = jwt.decode(token, jwt.PyJWK(jwk).key, algorithms=["EdDSA"])

    assert credential["@context"] == [VC_CONTEXT, OB_CONTEXT]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"].endswith(f"/verify/{certificate.code}")
    assert credential["issuer"]["id"] == credential["iss"]
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["identifier"][0]["identityType"] == "name"
    assert subject["identifier"][0]["identityHash"] == "Олена Ґонта"
    assert subject["achievement"]["name"] == "Tiny course"
    assert credential["validUntil"].startswith(certificate.expires_on.isoformat())


@pytest.mark.parametrize(
    "field, value",
    [("name", "Another course"), ("validUntil", "2099-12-31T23:59:59Z"), ("iss", "https://forger.example")],
)
def test_changing_one_field_breaks_the_signature(app, downloaded, field, value):
    token, _ = downloaded
    header, payload, signature = token.split(".")
    altered = {**b64url_json(payload), field: value}
    forged = f"{header}.{b64url(altered)}.{signature}"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(forged, jwt.PyJWK(published_key(app)).key, algorithms=["EdDSA"])


def test_changing_the_holders_name_breaks_the_signature(app, downloaded):
    token, _ = downloaded
    header, payload, signature = token.split(".")
    altered = b64url_json(payload)
    altered["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(f"{header}.{b64url(altered)}.{signature}", jwt.PyJWK(published_key(app)).key, algorithms=["EdDSA"])


def test_the_issuer_profile_is_published(app, downloaded):
    token, _ = downloaded
    issuer_id = b64url_json(token.split(".")[1])["issuer"]["id"]
    profile = app.test_client().get(issuer_id.replace("http://localhost", "")).get_json()
    assert profile["id"] == issuer_id and profile["type"] == ["Profile"]


def test_a_configured_key_file_is_made_once_and_readable_only_by_its_owner(app, tmp_path):
    path = tmp_path / "keys" / "credential.pem"
    app.config["CREDENTIAL_KEY_FILE"] = str(path)
    first = app.test_client().get("/.well-known/jwks.json").get_json()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = app.test_client().get("/.well-known/jwks.json").get_json()
    assert first == again
    assert first["keys"][0]["kid"] == public_jwk(load_or_create_key(path).public_key())["kid"]


def test_a_damaged_key_file_is_an_error_with_a_way_out(tmp_path):
    path = tmp_path / "key.pem"
    path.write_bytes(b"-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    with pytest.raises(ValueError, match="key.pem: not an unencrypted Ed25519 private key"):
        load_or_create_key(path)
