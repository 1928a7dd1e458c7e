"""Helpers for the interface-language tests: where the catalogs are, what a page says about its language."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from signaal.config import REPOSITORY_ROOT

TRANSLATIONS = REPOSITORY_ROOT / "translations"
SHIPPED = ("nl", "pl", "ro", "bg", "uk", "ar")
HTML_ELEMENT = re.compile(r"<html[^>]*>")
HTML_LANGUAGE = re.compile(r'<html lang="([^"]*)"')


def html_element(page: str) -> str:
    """The opening <html …> tag of a page: it carries the page language and direction."""
    match = HTML_ELEMENT.search(page)
    assert match, "no <html> element"
    return match.group(0)


def page_language(client, url: str = "/verify", **kwargs) -> str:
    """The `lang` of the page at `url`, which must load fine."""
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    match = HTML_LANGUAGE.search(response.get_data(as_text=True))
    assert match, "no lang on <html>"
    return match.group(1)


def copy_catalogs(target: Path) -> Path:
    """A writable copy of translations/ (without .mo) beside a link to the code it describes."""
    shutil.copytree(TRANSLATIONS, target / "translations", ignore=shutil.ignore_patterns("*.mo"))
    (target / "platform").symlink_to(REPOSITORY_ROOT / "platform", target_is_directory=True)
    return target / "translations"
