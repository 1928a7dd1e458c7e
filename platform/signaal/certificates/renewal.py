"""Renewing an expired or expiring certificate by taking the course, or its refresher, again.

Renewal starts a new cycle of the chosen course (learning keeps the earlier
cycle's history); completing it issues a new certificate and leaves the old
one as it was, so it stays verifiable as expired.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..accounts.models import User
from ..learning.progress import restart_course
from .models import Certificate
from ..courses.catalogue import live_version
from .records import is_superseded

# How long before its expiry date a certificate can be renewed.
RENEWAL_OPENS = timedelta(days=90)


class NotRenewable(ValueError):
    """This certificate cannot be renewed through that course (now)."""


def is_renewable(certificate: Certificate, on: date) -> bool:
    """An expiring, expired or revoked certificate that no newer certificate renews yet.

    A revoked one counts: earning the certificate again, properly, is the way
    back (also to correct a name that was fixed by the first download).
    """
    due = certificate.expires_on is not None and certificate.expires_on - RENEWAL_OPENS <= on
    return (due or certificate.revoked_at is not None) and not is_superseded(certificate)


def renewal_courses(certificate: Certificate, on: date) -> list[str]:
    """The course ids that renew this certificate: the course itself, then its refresher if published."""
    if not is_renewable(certificate, on):
        return []
    course = live_version(certificate.course_id)
    if course is None:
        return []
    options = [certificate.course_id]
    # After a revocation only the full course earns the certificate back.
    refresher = course.refresher if certificate.revoked_at is None else None
    if refresher and refresher != certificate.course_id and live_version(refresher):
        options.append(refresher)
    return options


def start_renewal(user: User, certificate: Certificate, course_id: str, on: date) -> None:
    """Start the chosen course again so that completing it renews the certificate."""
    if certificate.user_id != user.id or course_id not in renewal_courses(certificate, on):
        raise NotRenewable(certificate.code)
    restart_course(user, course_id)
