"""A person's last activity: the latest of their enrolments' last activity, kept on their user row.

A coordinator's participant list sorts an organisation's people by it
(statistics/people.py); one column read per person instead of the latest of
all their enrolments keeps that page fast at region scale. Whatever moves an
enrolment's last activity (a page read, a quiz, a scenario, a restart, an
import) goes through the session, so this one listener keeps the two in step.
"""

from __future__ import annotations

from itertools import chain

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..clock import utcnow
from .models import Enrolment


@event.listens_for(Session, "before_flush")
def _follow_enrolments(session: Session, _context, _instances) -> None:
    for enrolment in chain(session.new, session.dirty):
        if not isinstance(enrolment, Enrolment) or enrolment.user_id is None:
            continue
        if enrolment.last_active_at is None:
            enrolment.last_active_at = utcnow()  # what the column default would write, known now
        elif not inspect(enrolment).attrs.last_active_at.history.added:
            continue
        # The signed-in person is already in the session: no statement to find them.
        user = session.get(User, enrolment.user_id)
        if user is not None and (user.last_active_at is None or user.last_active_at < enrolment.last_active_at):
            user.last_active_at = enrolment.last_active_at
