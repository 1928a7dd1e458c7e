"""Recording how far a participant got, and noticing when a course is complete.

Everything here adds to the caller's transaction and flushes; the edge (a view,
a command) commits. Completing a course happens at most once per cycle: the
enrolment row is locked while completion is decided (SELECT … FOR UPDATE on
PostgreSQL; SQLite's write transactions are serialised anyway), and the
certificates table holds at most one certificate per completion (see
certificates/models.py).
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import ColumnElement

from ..accounts.models import User
from ..clock import utcnow
from ..courses.published import PublishedModule, PublishedVersion
from ..courses.signals import course_published
from ..extensions import db
from .models import Enrolment, ModuleProgress
from .signals import course_completed


# --- The completion rule: once in Python, once in SQL, kept side by side (tests/learning check they agree).

def module_is_done(module: PublishedModule, progress: ModuleProgress | None) -> bool:
    """A module is done when its quiz is passed (without a quiz: every page read) and every scenario played to a passing ending."""
    if progress is None:
        return False
    if module.scenarios and progress.scenarios_done_at is None:
        return False
    if module.quiz:
        return progress.passed_at is not None
    return progress.pages_done_at is not None or not module.page_count


def module_done_sql(version: PublishedVersion) -> ColumnElement[bool]:
    """The same rule as `module_is_done`, as a condition on ModuleProgress rows of the version's course."""
    # Modules that need the same columns set are checked together: one IN list per kind of module.
    kinds: dict[tuple[bool, bool, bool], list[str]] = {}
    for module in version.modules_in(version.language):
        kinds.setdefault((bool(module.quiz), bool(module.page_count), bool(module.scenarios)), []).append(module.module_id)
    conditions = []
    for (quiz, pages, scenarios), module_ids in kinds.items():
        needed = [ModuleProgress.module_id.in_(module_ids)]
        if quiz:
            needed.append(ModuleProgress.passed_at.is_not(None))
        elif pages:
            needed.append(ModuleProgress.pages_done_at.is_not(None))
        if scenarios:
            needed.append(ModuleProgress.scenarios_done_at.is_not(None))
        conditions.append(and_(*needed))
    return and_(ModuleProgress.course_id == version.course_id, or_(false(), *conditions))


def course_is_done(version: PublishedVersion, progress: dict[str, ModuleProgress]) -> bool:
    """Every module of the version is done (progress by module id)."""
    return all(module_is_done(m, progress.get(m.module_id)) for m in version.modules_in(version.language))


class QuizNotOpen(Exception):
    """The module's pages must be read before its quiz opens (the course's reading rule)."""

    def __init__(self, next_page: int) -> None:
        super().__init__(f"read page {next_page} first")
        self.next_page = next_page


def quiz_is_open(module: PublishedModule, progress: ModuleProgress | None) -> bool:
    """Whether the participant may take the module's quiz now."""
    if not module.version.quiz_requires_reading or module.page_count == 0:
        return True
    return progress is not None and progress.pages_done_at is not None


def next_page_to_read(module: PublishedModule, progress: ModuleProgress | None) -> int:
    furthest = (progress.furthest_page or 0) if progress else 0
    return min(furthest + 1, module.page_count)


# --- Reading

def enrolment_of(user: User, course_id: str, *, for_update: bool = False) -> Enrolment | None:
    statement = select(Enrolment).where(Enrolment.user_id == user.id, Enrolment.course_id == course_id)
    return db.session.scalar(statement.with_for_update() if for_update else statement)


def progress_by_module(user: User, course_id: str) -> dict[str, ModuleProgress]:
    rows = db.session.scalars(
        select(ModuleProgress).where(ModuleProgress.user_id == user.id, ModuleProgress.course_id == course_id)
    )
    return {row.module_id: row for row in rows}


def module_progress(user: User, course_id: str, module_id: str) -> ModuleProgress | None:
    return db.session.scalar(
        select(ModuleProgress).where(
            ModuleProgress.user_id == user.id,
            ModuleProgress.course_id == course_id,
            ModuleProgress.module_id == module_id,
        )
    )


# Last activity is kept to the minute: re-reading pages then writes nothing,
# which keeps a busy SQLite database free for the writes that matter.
ACTIVITY_RESOLUTION = timedelta(minutes=1)


def page_view_changes_nothing(progress: ModuleProgress | None, module: PublishedModule, page_number: int) -> bool:
    """Whether recording this page view would write nothing (the page was read before, just now)."""
    if progress is None or page_number > progress.furthest_page:
        return False
    if page_number >= module.page_count and progress.pages_done_at is None:
        return False
    return progress.last_seen_at is not None and utcnow() - progress.last_seen_at < ACTIVITY_RESOLUTION


# --- Writing (add and flush; the caller commits)

def record_page_view(user: User, module: PublishedModule, page_number: int) -> None:
    """Remember that the participant read this page of the module, completing the course if it was the last step."""
    enrolment = touch_enrolment(user, module.course_id)
    progress, row = _progress_with_row(user, module)
    row.last_seen_at = utcnow()
    if page_number > (row.furthest_page or 0):
        row.furthest_page = page_number
    if page_number >= module.page_count and row.pages_done_at is None:
        row.pages_done_at = utcnow()
        if not module.quiz:
            complete_if_finished(user, enrolment, module.version, progress)
    db.session.flush()


def record_scenarios_done(user: User, enrolment: Enrolment, module: PublishedModule, live: PublishedVersion) -> None:
    """Remember that every scenario of the module was played to a passing ending, completing the course if this was the last step.

    The caller holds the enrolment locked (`touch_enrolment`) and has checked the scenarios.
    """
    progress, row = _progress_with_row(user, module)
    if row.scenarios_done_at is None:
        row.scenarios_done_at = utcnow()
        complete_if_finished(user, enrolment, live, progress)


def record_quiz_attempt(user: User, module: PublishedModule, *, passed: bool, live: PublishedVersion) -> ModuleProgress:
    """Count an attempt at the module's quiz (and its pass), completing the live version if this was the last step.

    Returns the module's progress; `quiz_attempts == 1` there means this was the first try.
    Raises QuizNotOpen when the course's reading rule keeps the quiz closed.
    """
    enrolment = touch_enrolment(user, module.course_id)
    progress, row = _progress_with_row(user, module)
    if not quiz_is_open(module, row):
        raise QuizNotOpen(next_page_to_read(module, row))
    row.quiz_attempts = (row.quiz_attempts or 0) + 1
    if passed and row.passed_at is None:
        row.passed_at = utcnow()
        complete_if_finished(user, enrolment, live, progress)
    return row


def complete_if_finished(
    user: User, enrolment: Enrolment, version: PublishedVersion, progress: dict[str, ModuleProgress] | None = None
) -> bool:
    """Mark the course complete when every module of the live version is done; True if it just happened.

    The caller holds the enrolment row locked (`touch_enrolment`), so two
    requests finishing the last two modules at once cannot both complete it.
    `progress` is the participant's module progress when the caller has it at hand.
    """
    if enrolment.completed_at is not None:
        return False
    if progress is None:
        progress = progress_by_module(user, version.course_id)
    if not course_is_done(version, progress):
        return False
    enrolment.completed_at = utcnow()
    enrolment.completed_version_id = version.id
    db.session.flush()  # listeners refer to the enrolment's id
    # Listeners add their rows (the certificate, its audit entry) to this same
    # transaction, so a completion is never recorded without what it brings.
    course_completed.send(
        current_app._get_current_object(),
        user=user,
        version=version,
        language=version.language,
        enrolment=enrolment,
    )
    return True


def complete_everyone_finished(version: PublishedVersion) -> int:
    """Complete the open enrolments whose every module of `version` is done; how many were completed.

    After a publish (a module removed, say), people who had done all the rest
    are complete. One grouped query finds them, so this stays fast with many people.
    """
    modules = version.modules_in(version.language)
    if not modules:
        return 0
    all_done = (
        select(ModuleProgress.user_id)
        .where(module_done_sql(version))
        .group_by(ModuleProgress.user_id)
        .having(func.count() == len(modules))
    )
    finished = db.session.scalars(
        select(Enrolment)
        .where(Enrolment.course_id == version.course_id, Enrolment.completed_at.is_(None), Enrolment.user_id.in_(all_done))
        .with_for_update()
    ).all()
    completed = 0
    for enrolment in finished:
        user = db.session.get(User, enrolment.user_id)
        if user.deleted_at is None and complete_if_finished(user, enrolment, version):
            completed += 1
    return completed


def _on_course_published(sender, *, version: PublishedVersion, **extra) -> None:
    complete_everyone_finished(version)


def listen_for_publishing() -> None:
    course_published.connect(_on_course_published)


def restart_course(user: User, course_id: str) -> None:
    """Start a new cycle of a completed course, e.g. to renew an expiring certificate.

    Module progress is cleared and the enrolment is no longer complete, so the
    next completion sends `course_completed` again. History stays: quiz
    attempts and certificates record every earlier cycle.
    """
    enrolment = enrolment_of(user, course_id, for_update=True)
    if enrolment is None or enrolment.completed_at is None:
        return  # never taken, or a cycle is already running
    enrolment.completed_at = None
    enrolment.completed_version_id = None
    enrolment.cycle += 1
    enrolment.last_active_at = utcnow()
    for progress in progress_by_module(user, course_id).values():
        progress.furthest_page = 0
        progress.pages_done_at = None
        progress.passed_at = None
        progress.scenarios_done_at = None
    db.session.flush()


def touch_enrolment(user: User, course_id: str) -> Enrolment:
    """The participant's enrolment, created if needed, locked for the rest of the transaction."""
    enrolment = _get_or_create(Enrolment, lock=True, user_id=user.id, course_id=course_id)
    now = utcnow()
    if enrolment.last_active_at is None or now - enrolment.last_active_at >= ACTIVITY_RESOLUTION:
        enrolment.last_active_at = now
    return enrolment


def _progress_with_row(user: User, module: PublishedModule) -> tuple[dict[str, ModuleProgress], ModuleProgress]:
    """All the participant's progress in the module's course, and the module's own row (created if needed)."""
    progress = progress_by_module(user, module.course_id)
    row = progress.get(module.module_id)
    if row is None:
        row = _insert_or_fetch(ModuleProgress, user_id=user.id, course_id=module.course_id, module_id=module.module_id)
        progress[module.module_id] = row
    return progress, row


def _get_or_create(model, *, lock: bool = False, **keys):
    """Fetch the row with these keys (locked for update if asked) or insert it; safe when two requests race."""
    statement = select(model).filter_by(**keys)
    if lock:
        statement = statement.with_for_update()
    found = db.session.scalar(statement)
    return found if found is not None else _insert_or_fetch(model, lock=lock, **keys)


def _insert_or_fetch(model, *, lock: bool = False, **keys):
    """Insert the row that was just found missing; if another request inserted it first, take theirs."""
    try:
        with db.session.begin_nested():
            row = model(**keys)
            db.session.add(row)
        return row
    except IntegrityError:
        statement = select(model).filter_by(**keys)
        return db.session.scalar(statement.with_for_update() if lock else statement)

