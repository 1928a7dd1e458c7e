"""What a trainer sees about each course: the working copy's check, translations, the live version."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from ..courses.compiling import compile_course
from ..courses.models import Course, CourseVersion
from ..courses.problems import Problem
from ..courses.reading import find_course_folders
from ..courses.translation_status import LanguageStatus, translation_status
from ..extensions import db


@dataclass(frozen=True)
class CourseEntry:
    course_id: str
    folder: Path | None  # None: published, but no longer in courses/
    live: CourseVersion | None  # None: never published


def course_entries() -> list[CourseEntry]:
    """Every course in courses/ and every published one, by id."""
    folders, _problems = find_course_folders(current_app.config["COURSES_PATH"])
    by_folder = {folder.name: folder for folder in folders}
    live = {
        course.id: course.current_version
        for course in db.session.scalars(select(Course).where(Course.current_version_id.is_not(None)))
    }
    return [CourseEntry(course_id, by_folder.get(course_id), live.get(course_id)) for course_id in sorted(by_folder.keys() | live.keys())]


def course_entry(course_id: str) -> CourseEntry | None:
    return next((entry for entry in course_entries() if entry.course_id == course_id), None)


@dataclass(frozen=True)
class WorkingCopy:
    problems: list[Problem]
    languages: list[LanguageStatus]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def check_working_copy(folder: Path) -> WorkingCopy:
    """What `flask courses check` says about the folder, and how far each translation is."""
    return WorkingCopy(compile_course(folder).problems, translation_status(folder))
