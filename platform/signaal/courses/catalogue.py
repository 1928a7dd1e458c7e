"""Finding published courses and their modules."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select

from ..extensions import db
from .models import Course, CourseModule, CourseVersion


def published_versions() -> list[CourseVersion]:
    """The live version of every published course, by title."""
    return list(
        db.session.scalars(
            select(CourseVersion)
            .join(Course, Course.current_version_id == CourseVersion.id)
            .order_by(CourseVersion.title)
        )
    )


def live_version_or_404(course_id: str) -> CourseVersion:
    course = db.session.get(Course, course_id)
    if course is None or course.current_version is None:
        abort(404)
    return course.current_version


def modules_of(version: CourseVersion, language: str) -> list[CourseModule]:
    """The modules of a version in one language, in order."""
    return list(
        db.session.scalars(
            select(CourseModule)
            .where(CourseModule.version_id == version.id, CourseModule.language == language)
            .order_by(CourseModule.position)
        )
    )


def module_or_404(version: CourseVersion, language: str, module_id: str) -> CourseModule:
    module = db.session.scalar(
        select(CourseModule).where(
            CourseModule.version_id == version.id,
            CourseModule.language == language,
            CourseModule.module_id == module_id,
        )
    )
    if module is None:
        abort(404)
    return module


def reading_language(version: CourseVersion) -> str:
    """The language to show a course in: the interface language when the course has it."""
    from flask_babel import get_locale

    locale = str(get_locale() or "")
    if locale in version.languages:
        return locale
    # A course offered in "pt" suits a participant reading the interface in "pt_BR".
    base = locale.split("_")[0]
    return base if base in version.languages else version.language
