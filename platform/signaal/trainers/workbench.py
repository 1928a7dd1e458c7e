"""What a trainer sees about each course: the working copy's check, translations, the live version."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from ..courses.catalogue import published_versions
from ..courses.compiling import compile_course
from ..courses.problems import Problem
from ..courses.published import PublishedVersion
from ..courses.reading import find_course_folders, read_source_files, source_hash
from ..courses.translation_status import LanguageStatus, translation_status
from ..process_cache import app_cache

# Checked working copies kept per process, by source fingerprint (a few per course at most).
CACHED_CHECKS = 32


@dataclass(frozen=True)
class CourseEntry:
    course_id: str
    folder: Path | None  # None: published, but no longer in courses/
    live: PublishedVersion | None  # None: never published


def course_entries() -> list[CourseEntry]:
    """Every course in courses/ and every published one, by id."""
    folders, _problems = find_course_folders(current_app.config["COURSES_PATH"])
    by_folder = {folder.name: folder for folder in folders}
    live = {version.course_id: version for version in published_versions()}
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
    """What `flask courses check` says about the folder, and how far each translation is.

    Compiling every language takes seconds; hashing the files takes milliseconds.
    So the check is kept by the files' fingerprint (the one publishing uses) and
    redone only when a file changed.
    """
    fingerprint = source_hash(read_source_files(folder))
    return app_cache("working_copy_checks", CACHED_CHECKS).get(
        (str(folder), fingerprint), lambda: WorkingCopy(compile_course(folder).problems, translation_status(folder))
    )

