"""Ed25519 signing keys for certificate credentials: the cryptography, no storage.

Keys are kept in the database (key_store.py), the private half sealed with
AES-256-GCM under a key derived from SECRET_KEY with HKDF, so every app
server that shares the database and the SECRET_KEY signs with the same key
and nobody who reads only a database backup can sign. An operator may
instead keep the key in a PEM file ($SIGNAAL_CREDENTIAL_KEY): the file
functions here read and create it. Anyone can fetch the public half as a JWK
and check a credential offline.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def b64url(data: bytes) -> str:
    """Base64url without padding, as JOSE writes every binary value."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """Read the signing key, creating it on first use."""
    path = Path(path)
    if not path.exists():
        _create_key(path)
    return read_key_file(path)


def read_key_file(path: Path) -> Ed25519PrivateKey:
    """Read an Ed25519 private key from a PEM file; ValueError with a way out when it is not one."""
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
    return jwk_from_x(public_x(public_key))


def public_x(public_key: Ed25519PublicKey) -> str:
    """The raw public key, base64url: the JWK's `x`."""
    return b64url(public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def jwk_from_x(x: str) -> dict:
    """The JWK for a stored public key."""
    return {"kty": "OKP", "crv": "Ed25519", "x": x, "kid": key_id(x), "alg": "EdDSA", "use": "sig"}


def key_id(x: str) -> str:
    """The key id every credential carries: the RFC 7638 thumbprint of the public key."""
    return _thumbprint(x)


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


class KeyNotUnsealed(Exception):
    """A stored private key that this server's SECRET_KEY does not open."""


_SEAL_FORMAT = b"\x01"  # AES-256-GCM, 12-byte nonce; a new format gets a new first byte
_SEAL_LABEL = b"signaal credential signing key"


def seal_private_key(key: Ed25519PrivateKey, secret_key: str, kid: str) -> bytes:
    """Encrypt the private key for storage; only the same SECRET_KEY opens it again."""
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    nonce = os.urandom(12)
    # The key id is authenticated data: a sealed key copied onto another row does not open.
    return _SEAL_FORMAT + nonce + AESGCM(_sealing_key(secret_key)).encrypt(nonce, raw, kid.encode("ascii"))


def unseal_private_key(sealed: bytes, secret_key: str, kid: str) -> Ed25519PrivateKey:
    """Decrypt a stored private key; KeyNotUnsealed when SECRET_KEY differs from the one that sealed it."""
    if sealed[:1] != _SEAL_FORMAT:
        raise KeyNotUnsealed(f"credential key {kid}: unknown storage format")
    nonce, ciphertext = sealed[1:13], sealed[13:]
    try:
        raw = AESGCM(_sealing_key(secret_key)).decrypt(nonce, ciphertext, kid.encode("ascii"))
    except InvalidTag:
        raise KeyNotUnsealed(
            f"credential key {kid} cannot be decrypted with this server's SECRET_KEY: every app server "
            "needs the same SECRET_KEY. If SECRET_KEY was changed on purpose, run `flask credentials rotate-key`."
        ) from None
    return Ed25519PrivateKey.from_private_bytes(raw)


def _sealing_key(secret_key: str) -> bytes:
    # SECRET_KEY also signs sessions: derive a separate key for this one purpose.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_SEAL_LABEL).derive(
        secret_key.encode("utf-8")
    )
