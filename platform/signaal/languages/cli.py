"""`flask translations …`: keep the interface catalogs in translations/ in step with the code."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .available import is_language_code
from .catalogs import compile_catalogs, extract_messages, template_path, update_catalogs, write_template

translations_cli = AppGroup(
    "translations",
    help="Interface translations: extract, then update, translate (e.g. in Poedit), compile.",
)


def _translations_path() -> Path:
    return Path(current_app.config["TRANSLATIONS_PATH"])


@translations_cli.command("extract")
def extract_command() -> None:
    """Collect every interface string from the code and templates into translations/messages.pot."""
    path = _translations_path()
    catalog = extract_messages(path)
    changed = write_template(catalog, path)
    state = "written" if changed else "already up to date"
    click.echo(f"{template_path(path)}: {len(catalog)} strings, {state}")


@translations_cli.command("update")
@click.option("--add", "new_language", metavar="CODE", help="Start a catalog for a new language, e.g. tr.")
def update_command(new_language: str | None) -> None:
    """Merge messages.pot into every language's messages.po (changed strings become fuzzy).

    Run `flask translations extract` first. Then translate the empty and fuzzy
    entries of each messages.po and run `flask translations compile`.
    """
    path = _translations_path()
    if not template_path(path).exists():
        raise click.ClickException(f"{template_path(path)} is missing — run `flask translations extract` first")
    if new_language and not is_language_code(new_language):
        raise click.BadParameter(f"{new_language!r} is not a language code — use e.g. tr or pt_BR", param_hint="--add")
    for catalog in update_catalogs(path, new_language):
        click.echo(f"updated {catalog}")


@translations_cli.command("compile")
def compile_command() -> None:
    """Compile every messages.po into the messages.mo the app reads, and show how complete each is.

    Untranslated and fuzzy strings, and translations whose placeholders differ
    from the English, appear in English until they are fixed.
    """
    for report in compile_catalogs(_translations_path()):
        click.echo(str(report))
        for problem in report.problems:
            click.echo(problem, err=True)
