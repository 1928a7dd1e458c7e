"""Which interface languages this installation offers, found once at start-up.

A language is offered when its compiled catalog (messages.mo) exists: without
it Flask-Babel would silently show English while the menu promised another
language. Listing the folders on every request would cost a directory walk per
page, so the list is built once per app and kept in `app.extensions`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from flask import Flask, current_app
from flask_babel import get_babel

SOURCE_LANGUAGE = "en"
EXTENSION_KEY = "signaal.languages"
CODES_KEY = "signaal.language_codes"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InterfaceLanguage:
    code: str  # as the catalog folder is named, e.g. "nl" or "pt_BR"
    name: str  # in the language itself: "Nederlands", "العربية"

    @property
    def tag(self) -> str:
        """The code as an HTML `lang` value (BCP 47 uses hyphens)."""
        return self.code.replace("_", "-")


def find_languages(app: Flask) -> None:
    """Find the compiled catalogs once and remember them for every request."""
    codes = compiled_languages(Path(app.config["TRANSLATIONS_PATH"]))
    languages = [InterfaceLanguage(code, native_name(code)) for code in codes]
    # The source language first, then the others by their own names (Latin, Cyrillic, Arabic…).
    languages.sort(key=lambda language: (language.code != SOURCE_LANGUAGE, language.name))
    app.extensions[EXTENSION_KEY] = tuple(languages)
    app.extensions[CODES_KEY] = frozenset(codes)
    # Flask-Babel keeps loaded catalogs on the process-wide Babel object, keyed by locale
    # alone: a new app (a test with other catalogs, a restart after compiling) starts afresh.
    with app.app_context():
        get_babel().instance.domain_instance.cache.clear()


def compiled_languages(translations_path: Path) -> list[str]:
    """Codes of the catalogs under `translations_path` that are compiled, plus English."""
    codes, uncompiled = {SOURCE_LANGUAGE}, []
    for catalog in sorted(translations_path.glob("*/LC_MESSAGES/messages.po")):
        code = catalog.parents[1].name
        compiled = catalog.with_suffix(".mo")
        if not is_language_code(code):
            log.warning("%s: %r is not a language code — rename the folder, e.g. to nl or pt_BR", catalog, code)
        elif not compiled.exists():
            uncompiled.append(code)
        else:
            if compiled.stat().st_mtime < catalog.stat().st_mtime:
                log.warning("%s: changed since it was compiled — run `flask translations compile`", catalog)
            codes.add(code)
    if uncompiled:
        # One line, not one per language: on a fresh checkout this is expected until compiling.
        log.warning(
            "%s: not compiled yet, so %s not offered — run `flask translations compile`",
            translations_path, ", ".join(uncompiled),
        )
    return sorted(codes)


def interface_languages() -> tuple[InterfaceLanguage, ...]:
    """The languages offered in the menu, source language first."""
    return current_app.extensions[EXTENSION_KEY]


def interface_codes() -> frozenset[str]:
    """The offered codes, for checking a code from a cookie, form or address."""
    return current_app.extensions[CODES_KEY]


def native_name(code: str) -> str:
    """The language's name in itself, capitalised for a menu: "polski" → "Polski"."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def is_language_code(code: str) -> bool:
    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return False
    return True
