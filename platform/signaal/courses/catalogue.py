"""Finding published courses and their modules, in the read model (see published.py)."""

from __future__ import annotations

from flask import abort, g, has_request_context
from sqlalchemy import select

from ..extensions import db
from .models import Course, CourseVersion
from .published import PublishedModule, PublishedVersion, published_courses


def _live_stamps(*where):
    """(version id, published_at) of the live version of each course: the one query per request."""
    return db.session.execute(
        select(CourseVersion.id, CourseVersion.published_at)
        .join(Course, Course.current_version_id == CourseVersion.id)
        .where(*where)
    ).all()


def live_version(course_id: str) -> PublishedVersion | None:
    """The version of the course that participants see now, or None when it is not published.

    Asked once per request and course: every part of one page sees the same version.
    """
    asked = g.setdefault("signaal_live_versions", {}) if has_request_context() else {}
    if course_id not in asked:
        stamps = _live_stamps(Course.id == course_id)
        asked[course_id] = published_courses().get(*stamps[0]) if stamps else None
    return asked[course_id]


def live_version_or_404(course_id: str) -> PublishedVersion:
    version = live_version(course_id)
    if version is None:
        abort(404)
    return version


def published_versions() -> list[PublishedVersion]:
    """The live version of every published course, by title."""
    versions = [published_courses().get(*stamp) for stamp in _live_stamps()]
    return sorted((v for v in versions if v is not None), key=lambda version: version.title)


def version_by_id(version_id: int) -> PublishedVersion | None:
    """Any published version, live or older (what a result or a certificate was made on)."""
    return published_courses().get(version_id)


def modules_of(version: PublishedVersion, language: str) -> tuple[PublishedModule, ...]:
    """The modules of a version in one language, in order."""
    return version.modules_in(language)


def module_or_404(version: PublishedVersion, language: str, module_id: str) -> PublishedModule:
    module = version.module(language, module_id)
    if module is None:
        abort(404)
    return module


def reading_language(version: PublishedVersion) -> str:
    """The language to show a course in: the interface language when the course has it."""
    from flask_babel import get_locale

    locale = str(get_locale() or "")
    if locale in version.languages:
        return locale
    # A course offered in "pt" suits a participant reading the interface in "pt_BR".
    base = locale.split("_")[0]
    return base if base in version.languages else version.language
