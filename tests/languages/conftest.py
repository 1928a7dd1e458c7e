"""Interface-language fixtures: compiled catalogs, and the shipped translation of a string."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from signaal.languages.catalogs import compile_catalogs

from language_pages import TRANSLATIONS


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """What `make test` does first, so these tests also run from a bare `pytest`."""
    compile_catalogs(TRANSLATIONS)


@pytest.fixture(scope="session")
def translated():
    """The shipped translation of an English interface string, read from its .po file."""
    catalogs = {}

    def lookup(language: str, english: str) -> str:
        if language not in catalogs:
            path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
            with path.open("rb") as po:
                catalogs[language] = read_po(po, locale=language)
        message = catalogs[language].get(english)
        assert message is not None and message.string, f"{language}: {english!r} is not translated"
        return message.string

    return lookup
