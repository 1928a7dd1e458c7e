"""The platform's Ed25519 key that signs certificate credentials.

The private key is made once, on first use, in the instance folder (or at
$SIGNAAL_CREDENTIAL_KEY), readable only by its owner, and never leaves the
server. Anyone can fetch the public half as a JWK and check a credential
offline. Losing the key means new credentials get a new key id; keep the old
public key published (see docs/certificates.md) for credentials already out.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def b64url(data: bytes) -> str:
    """Base64url without padding, as JOSE writes every binary value."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """Read the signing key, creating it on first use."""
    path = Path(path)
    if not path.exists():
        _create_key(path)
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(
            f"{path}: not an unencrypted Ed25519 private key in PEM — restore it from a backup, "
            "or remove it to have a new one made (credentials signed with the old key then no longer verify)"
        )
    return key


def _create_key(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # mkstemp creates the file with mode 600; linking it into place fails if
    # another process was first, so two workers starting together agree on one key.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".credential-key-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(pem)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        Path(temporary).unlink(missing_ok=True)


def public_jwk(public_key: Ed25519PublicKey) -> dict:
    """The public key as a JWK (RFC 8037), with its thumbprint as key id."""
    x = b64url(public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
    return {"kty": "OKP", "crv": "Ed25519", "x": x, "kid": _thumbprint(x), "alg": "EdDSA", "use": "sig"}


def _thumbprint(x: str) -> str:
    # RFC 7638: the required members only, in lexicographic order, no whitespace.
    canonical = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":"), sort_keys=True)
    return b64url(hashlib.sha256(canonical.encode("ascii")).digest())


def sign_compact_jws(payload: dict, key: Ed25519PrivateKey, header: dict) -> str:
    """Sign the payload as a compact JWS with alg EdDSA: header.payload.signature."""
    full_header = {"alg": "EdDSA", "kid": public_jwk(key.public_key())["kid"], **header}
    signing_input = f"{_encode_json(full_header)}.{_encode_json(payload)}"
    return f"{signing_input}.{b64url(key.sign(signing_input.encode('ascii')))}"


def _encode_json(value: dict) -> str:
    return b64url(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
