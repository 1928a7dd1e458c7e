"""Earning certificates the way participants do, through the learning domain."""

from __future__ import annotations

from datetime import timedelta

from signaal.certificates.models import Certificate
from signaal.clock import today
from signaal.courses.catalogue import live_version
from signaal.courses.published import PublishedVersion
from signaal.extensions import db
from signaal.learning.progress import record_page_view, record_quiz_attempt
from signaal.organisations.models import Membership, Organisation


def complete_course(user, version: PublishedVersion, language: str | None = None) -> None:
    """Read every page and pass every quiz of the version, as a participant would."""
    language = language or version.language
    live = live_version(version.course_id)
    for module in version.modules_in(language):
        for page_number in range(1, module.page_count + 1):
            record_page_view(user, module, page_number)
        if module.quiz:
            record_quiz_attempt(user, module, passed=True, live=live)


def certificates_for(user) -> list[Certificate]:
    return list(
        db.session.scalars(
            db.select(Certificate).where(Certificate.user_id == user.id).order_by(Certificate.id)
        )
    )


def earn_certificate(user, version: PublishedVersion) -> Certificate:
    complete_course(user, version)
    return certificates_for(user)[-1]


def expire(certificate: Certificate, days_ago: int = 1) -> Certificate:
    """Move the certificate's dates back so that it expired `days_ago` days ago."""
    certificate.expires_on = today() - timedelta(days=days_ago)
    certificate.issued_at = certificate.issued_at - timedelta(days=400)
    db.session.commit()
    return certificate


def member_of(user, name: str) -> None:
    organisation = db.session.scalar(db.select(Organisation).where(Organisation.name == name))
    if organisation is None:
        organisation = Organisation(name=name)
        db.session.add(organisation)
        db.session.flush()
    db.session.add(Membership(user_id=user.id, organisation_id=organisation.id))
    db.session.commit()
