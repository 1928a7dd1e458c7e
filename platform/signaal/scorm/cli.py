"""`flask courses export COURSE --scorm`: a published course as a SCORM 1.2 package."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from ..courses.catalogue import live_version
from ..courses.models import Course
from ..extensions import db
from .package import LanguageNotOffered, build_scorm_package


@click.command("export")
@click.argument("course_id", metavar="COURSE")
@click.option("--scorm", "scorm", is_flag=True, help="Write a SCORM 1.2 package (the only format so far).")
@click.option("--language", "language", metavar="CODE", help="The language to include (default: the course's source language).")
@click.option("--all-languages", is_flag=True, help="Include every language the published version is offered in.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), help="The zip file to write (default: a name with the course, version and languages, in this folder).")
def export_command(course_id: str, scorm: bool, language: str | None, all_languages: bool, output: Path | None) -> None:
    """Write the published version of COURSE as a SCORM 1.2 package for another learning system.

    The package holds every lesson page and quiz as static pages and reports
    progress, score and passed/failed to the learning system. Its quizzes are
    graded in the browser: see docs/scorm.md for what that means.
    """
    if not scorm:
        raise click.UsageError("choose the format: --scorm (SCORM 1.2, the only one so far)")
    if language and all_languages:
        raise click.UsageError("give --language or --all-languages, not both")
    version = live_version(course_id)
    if version is None:
        raise click.ClickException(_not_published(course_id))
    languages = version.languages if all_languages else ((language,) if language else None)
    try:
        package = build_scorm_package(version, languages)
    except LanguageNotOffered as problem:
        raise click.ClickException(str(problem)) from None
    target = output or Path(package.file_name)
    try:
        target.write_bytes(package.data)
    except OSError as problem:
        raise click.ClickException(f"cannot write {target}: {problem.strerror}") from None
    click.echo(f"{target}: {course_id} version {version.number}, {', '.join(package.languages)} ({len(package.data) // 1024} KB)")


def _not_published(course_id: str) -> str:
    if db.session.get(Course, course_id) is not None:
        return f"{course_id} has no published version — publish it first: flask courses publish"
    folder = Path(current_app.config["COURSES_PATH"]) / course_id
    if folder.is_dir():
        return f"{course_id} is not published yet — publish it first: flask courses publish {folder}"
    return f"no course \"{course_id}\" — give the id of a published course (its folder name in courses/)"

