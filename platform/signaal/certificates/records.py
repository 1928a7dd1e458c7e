"""Finding certificates and what they say about their course."""

from __future__ import annotations

from sqlalchemy import select

from ..accounts.models import User
from ..courses.catalogue import version_by_id
from ..courses.published import PublishedVersion
from ..extensions import db
from .models import Certificate


def certificates_of(user: User) -> list[Certificate]:
    """The participant's certificates, newest first."""
    return list(
        db.session.scalars(
            select(Certificate)
            .where(Certificate.user_id == user.id)
            .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        )
    )


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with exactly this canonical code."""
    return db.session.scalar(select(Certificate).where(Certificate.code == code))


def latest_certificate(user: User, course_id: str) -> Certificate | None:
    return db.session.scalar(
        select(Certificate)
        .where(Certificate.user_id == user.id, Certificate.course_id == course_id)
        .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        .limit(1)
    )


def is_superseded(certificate: Certificate) -> bool:
    """True once a newer certificate renews this one."""
    newer = select(Certificate.id).where(Certificate.renews_id == certificate.id).limit(1)
    return db.session.scalar(newer) is not None


def completed_version(certificate: Certificate) -> PublishedVersion:
    return version_by_id(certificate.version_id)


def course_title(certificate: Certificate) -> str:
    """The title of the course certified, in the certificate's language, as it was when completed.

    A certificate renewed through a refresher records the refresher's version;
    its course title is the one on the certificate it renews.
    """
    return _certified_version(certificate).text_in(certificate.language).title


def course_title_for_reader(certificate: Certificate, language: str) -> tuple[str, str]:
    """The certified course's title in the reader's language when the course has it, with its language.

    A visitor checking a Polish certificate in English reads the English title;
    the certificate's own title is shown next to it by the page.
    """
    version = _certified_version(certificate)
    text = version.text_in(language)
    if text.title_lang != language:  # not translated: the certificate's own title
        text = version.text_in(certificate.language)
    return text.title, text.title_lang


def _certified_version(certificate: Certificate) -> PublishedVersion:
    """The version whose title the certificate carries (the renewed course's, not a refresher's)."""
    while True:
        version = completed_version(certificate)
        if version.course_id == certificate.course_id or certificate.renews_id is None:
            return version
        certificate = db.session.get(Certificate, certificate.renews_id)


def refresher_title(certificate: Certificate) -> str | None:
    """The refresher course's title when the certificate was renewed through one."""
    version = completed_version(certificate)
    if version.course_id == certificate.course_id:
        return None
    return version.text_in(certificate.language).title

