"""`flask courses check|publish`: the trainer's tools for the Markdown courses."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from ..audit.log import record
from ..clock import today
from ..extensions import db
from .compiling import compile_course
from .course_settings import read_course_settings
from .glossary import GLOSSARY_FOLDER, check_interface_glossaries
from .problems import has_errors
from .reading import COURSE_FILE, find_course_folders, read_course_files
from .publishing import blocks, publish_course
from .reviews import modules_due_for_review
from .translation_catalogs import extract_catalogs
from .translation_status import translation_status

courses_cli = AppGroup("courses", help="Check, translate and publish the Markdown courses.")

path_argument = click.argument(
    "path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")


def _course_folders(path: Path | None) -> list[Path]:
    folders, problems = find_course_folders(path or current_app.config["COURSES_PATH"])
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise SystemExit(1)
    return folders


def _report(problems) -> None:
    for problem in problems:
        click.echo(f"{problem}", err=True)


@courses_cli.command("check")
@path_argument
@strict_option
def check_command(path: Path | None, strict: bool) -> None:
    """Validate one course folder, or every course in courses/; exit 1 on errors.

    Placeholders in what participants read are errors; reviewed:/checked: dates
    older than SIGNAAL_REVIEW_MONTHS are warnings, so --strict refuses them too.
    The help card's facts to verify are listed as notes. Translations, of the
    courses and of the interface, are held to translations/glossary/<lang>.yml.
    """
    failed = False
    months = current_app.config["SIGNAAL_REVIEW_MONTHS"]
    glossaries = Path(current_app.config["TRANSLATIONS_PATH"]) / GLOSSARY_FOLDER
    for folder in _course_folders(path):
        problems = compile_course(folder, today=today(), review_months=months, glossary_folder=glossaries).problems
        _report(problems)
        failed |= blocks(problems, strict)
    interface: list = []
    check_interface_glossaries(Path(current_app.config["TRANSLATIONS_PATH"]), interface)
    _report(interface)
    failed |= blocks(interface, strict)
    if failed:
        raise SystemExit(1)
    click.echo("ok")


@courses_cli.command("publish")
@path_argument
@strict_option
def publish_command(path: Path | None, strict: bool) -> None:
    """Check, compile and publish a new version of each changed course."""
    failed = False
    for folder in _course_folders(path):
        outcome = publish_course(folder, strict=strict)
        _report(outcome.problems)
        if outcome.failed:
            failed = True
            click.echo(f"{outcome.course_id}: not published, fix the errors above", err=True)
        elif outcome.created:
            record(None, "course.publish", f"course:{outcome.course_id}", version=outcome.version.number)
            click.echo(f"{outcome.course_id}: published version {outcome.version.number}")
        else:
            click.echo(f"{outcome.course_id}: unchanged (version {outcome.version.number})")
        db.session.commit()  # each course with its audit entry and the completions it brings, or nothing
    if failed:
        raise SystemExit(1)


@courses_cli.command("extract")
@path_argument
def extract_command(path: Path | None) -> None:
    """Write or update translations/<lang>.po for every language a course offers."""
    failed = False
    for folder in _course_folders(path):
        problems: list = []
        files = read_course_files(folder, problems)
        settings = read_course_settings(files.course_yml, folder / COURSE_FILE, problems) if files.course_yml is not None else None
        if settings is None or has_errors(problems):
            _report(problems)
            click.echo(f"{folder.name}: not extracted, fix the errors above", err=True)
            failed = True
            continue
        outcome = extract_catalogs(files, settings["title"], settings["languages"])
        _report(outcome.problems)
        failed |= bool(outcome.problems)
        for written in outcome.written:
            click.echo(f"{folder.name}: updated {written.relative_to(folder)}")
        if len(settings["languages"]) < 2:
            click.echo(f"{folder.name}: no languages to translate into — list them in course.yml, e.g. languages: [en, nl, pl]")
    if failed:
        raise SystemExit(1)


@courses_cli.command("reviews")
@click.option("--months", type=click.IntRange(min=1), help="Due when older than this (default: SIGNAAL_REVIEW_MONTHS, 12).")
def reviews_command(months: int | None) -> None:
    """List the published modules whose facts are due for review (reviewed: too long ago, or missing)."""
    months = months or current_app.config["SIGNAAL_REVIEW_MONTHS"]
    due = modules_due_for_review(today(), months)
    for module in due:
        when = f"last reviewed {module.reviewed.isoformat()}" if module.reviewed else "no reviewed: date"
        click.echo(f"{module.course_id}/{module.module_id} \"{module.module_title}\": {when} — check its facts, then update reviewed: in its front matter and publish")
    if not due:
        click.echo(f"No published module is due for review (all reviewed in the last {months} months).")


@courses_cli.command("status")
@path_argument
def status_command(path: Path | None) -> None:
    """Show per course and language how many segments are translated, fuzzy or missing."""
    for folder in _course_folders(path):
        statuses = translation_status(folder)
        if not statuses:
            click.echo(f"{folder.name}: no translations (list languages in course.yml, then run flask courses extract)")
        for status in statuses:
            offered = "offered" if status.offered else f"not offered (below min_coverage {status.min_coverage}%)"
            broken = f", {status.broken} broken" if status.broken else ""
            click.echo(
                f"{folder.name} {status.language}: {status.percent}% — {status.translated} translated, "
                f"{status.fuzzy} fuzzy, {status.missing} missing{broken} of {status.total}; {offered}"
            )
