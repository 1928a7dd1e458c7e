"""Forgetting participants who stopped using Signaal: the retention rule.

A participant counts as inactive when, for the whole retention period, they
neither signed in, nor read a page, nor submitted a quiz, nor registered.
Only participants: staff accounts are managed by people, not by a timer.
"""

from __future__ import annotations

import calendar
from datetime import datetime

from sqlalchemy import exists, func, or_, select

from ..accounts.models import Role, User
from ..clock import utcnow
from ..extensions import db
from ..learning.models import Enrolment
from ..quizzes.models import QuizAttempt
from .erasure import erase_account


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the 31st becomes the month's last day)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def inactive_participants(since: datetime) -> list[User]:
    """Participants with no sign-in, page view or quiz attempt since `since`."""
    active_enrolment = exists().where(Enrolment.user_id == User.id, Enrolment.last_active_at >= since)
    recent_attempt = exists().where(QuizAttempt.user_id == User.id, QuizAttempt.submitted_at >= since)
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.deleted_at.is_(None),
                User.role == Role.PARTICIPANT.value,
                func.coalesce(User.last_seen_at, User.created_at) < since,
                ~or_(active_enrolment, recent_attempt),
            )
            .order_by(User.id)
        )
    )


def inactive_for(months: int) -> list[User]:
    """The participants inactive for `months`, whom the retention rule erases."""
    return inactive_participants(months_before(utcnow(), months))


def erase_inactive(user: User, months: int) -> None:
    """Erase one inactive participant (the caller commits, one account at a time)."""
    erase_account(user, by=None, reason=f"inactive for {months} months")
