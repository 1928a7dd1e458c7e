"""Putting a SCORM package together: the files, the manifest, and a zip that is the same every time.

The same published version and languages always give the same bytes (fixed
timestamps, sorted entries, fixed permissions), so an organisation can tell
whether the package it has is still the current one, and a re-export changes
nothing in its learning system.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from ..courses.models import CourseAsset
from ..courses.published import PublishedVersion
from ..extensions import db
from .manifest import manifest_xml
from .pages import (
    ASSETS, LANGUAGE_PAGE, LAUNCH_PAGE, PACKAGE_STYLESHEET, SCRIPT, STYLESHEET,
    language_choice_page, language_pages, launch_page,
)

MANIFEST = "imsmanifest.xml"
# Static files of Signaal copied into every package (package path -> path under the app's static folder).
STATIC_FILES = {STYLESHEET: "signaal.css", PACKAGE_STYLESHEET: "scorm/signaal-scorm.css", SCRIPT: "scorm/signaal-scorm.js"}
FILE_MODE = 0o644


class LanguageNotOffered(ValueError):
    """A language the published version is not offered in."""

    def __init__(self, version: PublishedVersion, language: str) -> None:
        offered = ", ".join(version.languages)
        super().__init__(f"{version.course_id} version {version.number} is not offered in \"{language}\" — offered: {offered}")


@dataclass(frozen=True)
class ScormPackage:
    file_name: str
    languages: tuple[str, ...]
    data: bytes


def package_file_name(version: PublishedVersion, languages: tuple[str, ...]) -> str:
    """e.g. your-rights-at-work-v3-en-ar-scorm12.zip: course, version and languages at a glance."""
    return f"{version.course_id}-v{version.number}-{'-'.join(languages)}-scorm12.zip"


def build_scorm_package(version: PublishedVersion, languages: tuple[str, ...] | None = None) -> ScormPackage:
    """The SCORM 1.2 package of a published version in the given languages (default: its source language).

    Languages keep the version's order. Raises LanguageNotOffered.
    """
    languages = _checked_languages(version, languages or (version.language,))
    files = package_files(version, languages)
    files[MANIFEST] = manifest_xml(version, languages, LAUNCH_PAGE, sorted(files))
    return ScormPackage(package_file_name(version, languages), languages, deterministic_zip(files, version))


def _checked_languages(version: PublishedVersion, asked: tuple[str, ...]) -> tuple[str, ...]:
    for language in asked:
        if language not in version.languages:
            raise LanguageNotOffered(version, language)
    return tuple(language for language in version.languages if language in asked)


def package_files(version: PublishedVersion, languages: tuple[str, ...]) -> dict[str, bytes]:
    """Every file of the package but the manifest: package path -> bytes."""
    pages: dict[str, str] = {}
    for language in languages:
        pages.update(language_pages(version, language, languages))
    if len(languages) > 1:
        pages[LANGUAGE_PAGE] = language_choice_page(version, languages)
    pages[LAUNCH_PAGE] = launch_page(version, languages, course_plan(version, languages, sorted(pages)))
    files = {path: html.encode("utf-8") for path, html in pages.items()}
    static = Path(current_app.static_folder)
    files.update({path: (static / source).read_bytes() for path, source in STATIC_FILES.items()})
    files.update(_course_assets(version))
    return files


def course_plan(version: PublishedVersion, languages: tuple[str, ...], pages: list[str]) -> dict:
    """What the launch page's script needs to decide completion, and the pages it may resume at.

    A module is done as in Signaal (learning/progress.py): every scenario played
    to a passing ending, and its quiz passed (without a quiz: its last page
    read). Translations share the source's modules and scenarios.
    """
    return {
        "passMark": version.pass_mark,
        "modules": [
            {
                "id": module.module_id,
                "pages": module.page_count > 0,
                "quiz": module.quiz is not None,
                "scenarios": [scenario.id for scenario in module.scenarios],
            }
            for module in version.modules_in(languages[0])
        ],
        "pages": pages,
    }


def _course_assets(version: PublishedVersion) -> dict[str, bytes]:
    rows = db.session.scalars(select(CourseAsset).where(CourseAsset.version_id == version.id)).all()
    return {row.path: row.data for row in rows if row.path.startswith(ASSETS)}


def zip_time(version: PublishedVersion) -> tuple[int, ...]:
    """The version's publication time as a zip stores it: from 1980 on, in steps of two seconds."""
    year, month, day, hour, minute, second = version.published_at.timetuple()[:6]
    return max((year, month, day, hour, minute, second - second % 2), (1980, 1, 1, 0, 0, 0))


def deterministic_zip(files: dict[str, bytes], version: PublishedVersion) -> bytes:
    """Zip the files in name order, each stamped with the version's publication time and mode 0644."""
    stamp = zip_time(version)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever system builds it: the mode below is read as Unix permissions
            info.external_attr = (0o100000 | FILE_MODE) << 16
            archive.writestr(info, files[path], compresslevel=9)
    return buffer.getvalue()
