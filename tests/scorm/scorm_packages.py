"""Reading a SCORM package the way a learning system does: unzip it, parse its manifest."""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

BUNDLED = Path(__file__).resolve().parents[2] / "courses"
BUNDLED_IDS = ("recognising-labour-exploitation", "your-rights-at-work")
SAMPLE_COURSES = Path(__file__).resolve().parents[1] / "data" / "courses"
IMSCP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"


@dataclass
class Unzipped:
    entries: list[zipfile.ZipInfo]
    files: dict[str, bytes]

    @property
    def manifest(self) -> ElementTree.Element:
        return ElementTree.fromstring(self.files["imsmanifest.xml"])

    def html(self, path: str) -> str:
        return self.files[path].decode("utf-8")


def unzip(data: bytes) -> Unzipped:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        entries = archive.infolist()
        return Unzipped(entries, {entry.filename: archive.read(entry) for entry in entries})


class References(HTMLParser):
    """Every href and src of a page, and which of them the browser fetches by itself (src, stylesheets)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.fetched: list[str] = []
        self.root: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "html":
            self.root = values
        if "href" in values:
            self.links.append(values["href"])
            if tag == "link":
                self.fetched.append(values["href"])
        if "src" in values:
            self.fetched.append(values["src"])


def references(html: str) -> References:
    parser = References()
    parser.feed(html)
    parser.close()
    return parser


def package_target(page: str, url: str) -> str | None:
    """The package path a relative URL of `page` points at; None for other sites, mail, phone, anchors."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
