"""The interface's gettext catalogs: extract strings from the code, update and compile catalogs.

The steps are plain functions over paths so that tests can run them into a
temporary folder; `cli.py` wraps them as `flask translations …`. Paths in
babel.cfg are relative to the repository root, the folder above translations/.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo

from .po_format import catalog_bytes, read_catalog, update_catalog

DOMAIN = "messages"
# Flask-Babel's lazy variants, for strings defined at import time (form labels, error pages).
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2)}
COMMENT_TAG = "i18n:"
TEMPLATE_HEADER = """\
# The interface strings of Signaal, collected by `flask translations extract`.
# Do not translate here: run `flask translations update` and translate
# translations/<language>/LC_MESSAGES/messages.po (for example in Poedit)."""
NEW_CATALOG_HEADER = """\
# {language} translation of the Signaal interface.
# Started with `flask translations update --add`; see the README, section Translating."""


@dataclass
class CatalogReport:
    """How complete one language is, and which translations could not be used."""

    language: str
    path: Path
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.language}: {self.translated} translated, {self.fuzzy} fuzzy, "
            f"{self.untranslated} untranslated"
        )


def template_path(translations_path: Path) -> Path:
    return translations_path / f"{DOMAIN}.pot"


def catalog_paths(translations_path: Path) -> dict[str, Path]:
    """Every language's .po file, by language code."""
    return {
        path.parents[1].name: path
        for path in sorted(translations_path.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    }


def extract_messages(translations_path: Path) -> Catalog:
    """Collect every interface string from the Python code and templates named in babel.cfg."""
    mapping_file = translations_path / "babel.cfg"
    with mapping_file.open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config, str(mapping_file))
    catalog = Catalog(project="Signaal", header_comment=TEMPLATE_HEADER, fuzzy=False)
    found = extract_from_dir(
        translations_path.parent,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=[COMMENT_TAG],
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def write_template(catalog: Catalog, translations_path: Path) -> bool:
    """Write messages.pot; return False (and leave the file alone) when nothing changed."""
    path = template_path(translations_path)
    if path.exists() and _entries(_read(path)) == _entries(catalog):
        return False
    _write_po(catalog, path)
    return True


def update_catalogs(translations_path: Path, new_language: str | None = None) -> list[Path]:
    """Bring every language's catalog in line with messages.pot; start one for `new_language`.

    A changed source string keeps its old translation marked fuzzy (Babel's
    fuzzy matching), so the translator sees what to revise.
    """
    template = _read(template_path(translations_path))
    paths = catalog_paths(translations_path)
    if new_language and new_language not in paths:
        path = translations_path / new_language / "LC_MESSAGES" / f"{DOMAIN}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        locale = Locale.parse(new_language)
        header = NEW_CATALOG_HEADER.format(language=locale.english_name)
        _write_po(Catalog(locale=locale, project="Signaal", header_comment=header, fuzzy=False), path)
        paths[new_language] = path
    for language, path in paths.items():
        catalog = _read(path, language)
        update_catalog(catalog, template)
        _write_po(catalog, path)
    return list(paths.values())


def compile_catalogs(translations_path: Path) -> list[CatalogReport]:
    """Compile every .po into the .mo the app reads; report completeness and broken entries.

    A translation whose placeholders do not match the English (e.g. a missing
    %(date)s) would fail when the page is shown, so it is left out of the .mo
    and that string appears in English instead.
    """
    reports = []
    for language, path in catalog_paths(translations_path).items():
        catalog = _read(path, language)
        report = review_catalog(catalog, language, path)
        for message, _errors in catalog.check():
            message.string = "" if isinstance(message.id, str) else ("",) * catalog.num_plurals
        _write_atomically(path.with_suffix(".mo"), catalog)
        reports.append(report)
    return reports


def review_catalog(catalog: Catalog, language: str, path: Path) -> CatalogReport:
    """Count translated, fuzzy and untranslated strings and list the unusable ones."""
    report = CatalogReport(language, path)
    for message in _current(catalog):
        if message.fuzzy:
            report.fuzzy += 1
        elif is_translated(message, catalog.num_plurals):
            report.translated += 1
        else:
            report.untranslated += 1
    for message, errors in catalog.check():
        line = message.lineno or 0
        for error in errors:
            report.problems.append(
                f"{path}:{line}: {error} — make the translation use the same %(…)s placeholders as the English"
            )
    return report


def is_translated(message: Message, num_plurals: int) -> bool:
    if isinstance(message.string, (list, tuple)):
        return len(message.string) == num_plurals and all(message.string)
    return bool(message.string)


def _current(catalog: Catalog) -> list[Message]:
    """The catalog's messages without its header entry (obsolete ones are kept apart by Babel)."""
    return [message for message in catalog if message.id]


def _entries(catalog: Catalog) -> set:
    return {(message.id, message.context, tuple(sorted(message.locations))) for message in _current(catalog)}


def _read(path: Path, language: str | None = None) -> Catalog:
    return read_catalog(path.read_bytes(), locale=language, domain=DOMAIN)


def _write_po(catalog: Catalog, path: Path) -> None:
    # A fuzzy entry keeps the old source text (`#| msgid`), so the translator sees what changed.
    with _atomic(path) as po:
        po.write(catalog_bytes(catalog, width=100))


def _write_atomically(path: Path, catalog: Catalog) -> None:
    with _atomic(path) as mo:
        write_mo(mo, catalog, use_fuzzy=False)


@contextmanager
def _atomic(path: Path):
    """Write beside `path`, then replace it: a running app never reads half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            yield file
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
