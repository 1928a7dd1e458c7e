"""Check the links and images in rendered course HTML, and map asset paths to served URLs.

A link to a file that is not in the course would be a broken page for every
participant, so it is an error at check time rather than a 404 later.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from .problems import Problem, error, warning
from .reading import ASSETS_FOLDER
from .sanitising import ALLOWED_URL_SCHEMES, URL_ATTRIBUTES
from .source_lines import SourceLines

# Browsers ignore these inside a URL, so "java\tscript:" is still javascript:.
IGNORED_IN_URLS = re.compile(r"[\x00-\x20]")


@dataclass(frozen=True)
class CourseLinks:
    files: frozenset[str]  # relative POSIX paths of the course's files
    asset_url: Callable[[str], str] | None = None  # "assets/map.png" -> served URL

    def check(self, html: str, source: SourceLines, path: Path, problems: list[Problem]) -> None:
        """Report every href/src in html that points nowhere or somewhere unsafe."""
        for url in url_values(html):
            verdict = self.judge(url)
            if verdict:
                make_problem, message = verdict
                problems.append(make_problem(path, line_of(url, source), message))

    def judge(self, url: str) -> tuple[Callable[..., Problem], str] | None:
        """Return (error or warning, message) for a URL, or None when it is fine."""
        compact = IGNORED_IN_URLS.sub("", url)
        url = shorten(url)
        scheme = urlsplit(compact).scheme.lower()
        if scheme == "javascript":
            return error, f"javascript: links are not allowed ({url}) — link to a page or a file in assets/ instead"
        if scheme and scheme not in ALLOWED_URL_SCHEMES:
            return error, f"{scheme}: links are not allowed ({url}) — use http, https, mailto or tel, or put the file in assets/"
        target = course_path(compact)
        if scheme or target is None:
            return None
        if target.startswith("../") or target == "..":
            return error, f"\"{url}\" points outside the course folder — put the file in the course's assets/ folder"
        if target not in self.files:
            return error, f"\"{url}\" does not exist in the course folder — check the name (names are case-sensitive) or add the file"
        if not target.startswith(ASSETS_FOLDER):
            return warning, f"\"{url}\" is not in assets/, so participants cannot open it — move it into assets/"
        return None

    def served_url(self, url: str) -> str:
        """Map a link to an asset to the URL the app serves it at; leave every other URL alone."""
        target = course_path(url)
        if self.asset_url is None or target is None or not target.startswith(ASSETS_FOLDER):
            return url
        parts = urlsplit(url)
        served = self.asset_url(target)
        served += f"?{parts.query}" if parts.query else ""
        return served + (f"#{parts.fragment}" if parts.fragment else "")


def shorten(url: str) -> str:
    # A data: URL can be megabytes long; the start is enough to find it.
    return url if len(url) <= 60 else url[:57] + "..."


def course_path(url: str) -> str | None:
    """Return the course-relative file a URL points at, or None for anchors, absolute and external URLs."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    return posixpath.normpath(unquote(parts.path))


def line_of(url: str, source: SourceLines) -> int:
    """Find the line that holds the URL; Python-Markdown keeps no line numbers."""
    for index, line in enumerate(source.lines):
        if url in line:
            return source.first_line + index
    return source.first_line


class UrlCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls.extend(value for name, value in attrs if name in URL_ATTRIBUTES and value is not None)


def url_values(html: str) -> list[str]:
    """Every href and src in html, with character references decoded as a browser would."""
    collector = UrlCollector()
    collector.feed(html)
    collector.close()
    return collector.urls
