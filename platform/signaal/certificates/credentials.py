"""The certificate as an Open Badges 3.0 credential, signed by the platform.

An `OpenBadgeCredential` (W3C Verifiable Credentials 2.0 data model) secured
as a VC-JWT: a compact JWS with alg EdDSA whose payload is the credential
itself, plus the registered JWT claims that mirror it (iss, jti, nbf, exp),
so any JOSE library checks signature and dates with only the published
public key. docs/certificates.md shows how.

The holder is identified by the name they chose for the certificate, as an
unhashed IdentityObject of type "name": the credential says nothing else
about them.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, time

from .models import Certificate
from .signing_key import sign_compact_jws

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MEDIA_TYPE = "application/vc+jwt"
ISSUER_NAME = "Signaal"


@dataclass(frozen=True)
class CredentialContext:
    """What the credential needs from outside the certificate: titles and addresses."""

    course_title: str
    course_summary: str
    verify_url: str  # also the credential's id: it says whether it is still valid
    course_url: str  # the achievement's id
    issuer_url: str  # the issuer profile
    site_url: str


def issuer_profile(issuer_url: str, site_url: str) -> dict:
    """The issuer's Open Badges Profile, as published at issuer_url."""
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_url,
        "type": ["Profile"],
        "name": ISSUER_NAME,
        "url": site_url,
    }


def open_badge_credential(certificate: Certificate, context: CredentialContext) -> dict:
    """The unsigned credential for a certificate."""
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": context.verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": context.course_title,
        "issuer": {"id": context.issuer_url, "type": ["Profile"], "name": ISSUER_NAME},
        "validFrom": _timestamp(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.holder_name,
                }
            ],
            "achievement": {
                "id": context.course_url,
                "type": ["Achievement"],
                "achievementType": "CertificateOfCompletion",
                "name": context.course_title,
                "description": context.course_summary or context.course_title,
                "criteria": {"narrative": "Completed every module of the course and passed its quizzes."},
                "inLanguage": certificate.language.replace("_", "-"),
            },
        },
    }
    if certificate.expires_on:
        credential["validUntil"] = _timestamp(_end_of_day(certificate.expires_on))
    return credential


def signed_credential(certificate: Certificate, context: CredentialContext, key) -> str:
    """The credential as a compact JWS (VC-JWT), signed with the platform's Ed25519 key."""
    credential = open_badge_credential(certificate, context)
    claims = {
        "iss": context.issuer_url,
        "jti": context.verify_url,
        "nbf": calendar.timegm(certificate.issued_at.utctimetuple()),
    }
    if certificate.expires_on:
        claims["exp"] = calendar.timegm(_end_of_day(certificate.expires_on).utctimetuple())
    return sign_compact_jws({**credential, **claims}, key, header={"typ": "vc+jwt", "cty": "vc"})


def _end_of_day(day) -> datetime:
    # A certificate is valid up to and including its expiry date (UTC).
    return datetime.combine(day, time(23, 59, 59))


def _timestamp(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"
