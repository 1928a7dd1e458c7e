"""Recording how far a participant got, and noticing when a course is complete."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..clock import utcnow
from ..courses.models import CourseModule, CourseVersion
from ..extensions import db
from .models import Enrolment, ModuleProgress
from .signals import course_completed


def _get_or_create(model, **keys):
    """Fetch the row with these keys or insert it; safe when two requests race."""
    statement = select(model).filter_by(**keys)
    found = db.session.scalar(statement)
    if found is not None:
        return found
    try:
        with db.session.begin_nested():
            row = model(**keys)
            db.session.add(row)
        return row
    except IntegrityError:
        return db.session.scalar(statement)


def enrolment_of(user: User, course_id: str) -> Enrolment | None:
    return db.session.scalar(
        select(Enrolment).where(Enrolment.user_id == user.id, Enrolment.course_id == course_id)
    )


def progress_by_module(user: User, course_id: str) -> dict[str, ModuleProgress]:
    rows = db.session.scalars(
        select(ModuleProgress).where(
            ModuleProgress.user_id == user.id, ModuleProgress.course_id == course_id
        )
    )
    return {row.module_id: row for row in rows}


def module_is_done(module: CourseModule, progress: ModuleProgress | None) -> bool:
    """A module with a quiz is done when the quiz is passed; without one, when every page was read."""
    if progress is None:
        return False
    if module.quiz:
        return progress.passed_at is not None
    return progress.pages_done_at is not None


def record_page_view(user: User, module: CourseModule, page_number: int) -> None:
    """Remember that the participant read this page of the module."""
    course_id = module.version.course_id
    _touch_enrolment(user, course_id)
    progress = _get_or_create(ModuleProgress, user_id=user.id, course_id=course_id, module_id=module.module_id)
    if page_number > (progress.furthest_page or 0):
        progress.furthest_page = page_number
    if page_number >= module.page_count and progress.pages_done_at is None:
        progress.pages_done_at = utcnow()
    db.session.commit()
    if not module.quiz:
        complete_if_finished(user, module.version, module.language)


def record_quiz_passed(user: User, module: CourseModule) -> None:
    course_id = module.version.course_id
    _touch_enrolment(user, course_id)
    progress = _get_or_create(ModuleProgress, user_id=user.id, course_id=course_id, module_id=module.module_id)
    if progress.passed_at is None:
        progress.passed_at = utcnow()
    db.session.commit()
    complete_if_finished(user, module.version, module.language)


def record_quiz_attempted(user: User, course_id: str) -> None:
    _touch_enrolment(user, course_id)
    db.session.commit()


def complete_if_finished(user: User, version: CourseVersion, language: str) -> bool:
    """Mark the course complete when every module of the live version is done; True if it just happened."""
    enrolment = enrolment_of(user, version.course_id)
    if enrolment is None or enrolment.completed_at is not None:
        return False
    progress = progress_by_module(user, version.course_id)
    modules = [m for m in version.modules if m.language == language]
    if not all(module_is_done(m, progress.get(m.module_id)) for m in modules):
        return False
    enrolment.completed_at = utcnow()
    enrolment.completed_version_id = version.id
    # Listeners add their rows (e.g. the certificate) to this same transaction,
    # so a completion is never recorded without what it should bring.
    course_completed.send(
        current_app._get_current_object(), user=user, version=version, language=language
    )
    db.session.commit()
    return True


def restart_course(user: User, course_id: str) -> None:
    """Start a new cycle of a completed course, e.g. to renew an expiring certificate.

    Module progress is cleared and the enrolment is no longer complete, so the
    next completion sends `course_completed` again. History stays: quiz
    attempts and certificates record every earlier cycle.
    """
    enrolment = enrolment_of(user, course_id)
    if enrolment is None or enrolment.completed_at is None:
        return  # never taken, or a cycle is already running
    enrolment.completed_at = None
    enrolment.completed_version_id = None
    enrolment.last_active_at = utcnow()
    for progress in progress_by_module(user, course_id).values():
        progress.furthest_page = 0
        progress.pages_done_at = None
        progress.passed_at = None
    db.session.commit()


# Last activity is kept to the minute: re-reading pages then writes nothing,
# which keeps a busy SQLite database free for the writes that matter.
ACTIVITY_RESOLUTION = timedelta(minutes=1)


def _touch_enrolment(user: User, course_id: str) -> Enrolment:
    enrolment = _get_or_create(Enrolment, user_id=user.id, course_id=course_id)
    now = utcnow()
    if enrolment.last_active_at is None or now - enrolment.last_active_at >= ACTIVITY_RESOLUTION:
        enrolment.last_active_at = now
    return enrolment
