"""Static fonts for certificates, made once from the variable Noto fonts.

The fonts come from pip packages (fontpkg-noto-sans, fontpkg-noto-sans-arabic),
which ship only variable fonts. fpdf2 handles a variable font more than ten
times slower than a static one, so each weight we use is cut out of the
variable font once with fontTools' instancer and kept in a cache folder.
Noto Sans covers Latin, Cyrillic and Greek; Noto Sans Arabic covers Arabic
and is designed to sit next to it.

Files are written under a temporary name and renamed into place, so two
processes building at the same time never read half a font. The file name
carries a fingerprint of the source font and the recipe, so upgrading a
font package gives new files rather than stale ones.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import fontpkg
from fontTools.ttLib import TTFont
from fontTools.ttLib.sfnt import calcChecksum
from fontTools.varLib import instancer

CACHE_DIR_VARIABLE = "SIGNAAL_FONT_CACHE"


@dataclass(frozen=True)
class FontFace:
    """One static face to cut from a variable font package."""

    family: str  # the name fpdf2 knows it by
    style: str  # fpdf2 style: "" or "B"
    source_family: str  # the fontpkg family name
    weight: int
    width: int = 100

    @property
    def axes(self) -> dict[str, int]:
        return {"wght": self.weight, "wdth": self.width}


@dataclass(frozen=True)
class StaticFont:
    """A ready static font file for fpdf2's add_font."""

    family: str
    style: str
    path: Path


LATIN_FAMILY = "NotoSans"  # Latin, Cyrillic, Greek
ARABIC_FAMILY = "NotoSansArabic"

CERTIFICATE_FACES = (
    FontFace(LATIN_FAMILY, "", "Noto Sans", 400),
    FontFace(LATIN_FAMILY, "B", "Noto Sans", 700),
    FontFace(ARABIC_FAMILY, "", "Noto Sans Arabic", 400),
    FontFace(ARABIC_FAMILY, "B", "Noto Sans Arabic", 700),
)


def default_cache_dir() -> Path:
    """Return $SIGNAAL_FONT_CACHE, else the user's cache folder (XDG) / signaal / fonts."""
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured:
        return Path(configured)
    user_cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(user_cache) / "signaal" / "fonts"


def certificate_fonts(cache_dir: Path | str | None = None) -> list[StaticFont]:
    """Return the static certificate fonts, building any that are missing or damaged."""
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return [StaticFont(face.family, face.style, _static_font(face, folder)) for face in CERTIFICATE_FACES]


def _static_font(face: FontFace, folder: Path) -> Path:
    source = fontpkg.path(face.source_family, face.weight)
    target = folder / _cache_file_name(face, source)
    if not _is_complete_font(target):
        _build_atomically(face, source, target)
    return target


def _cache_file_name(face: FontFace, source: Path) -> str:
    recipe = f"{face.source_family}|wght={face.weight}|wdth={face.width}"
    fingerprint = hashlib.sha256(recipe.encode() + _file_digest(source)).hexdigest()[:12]
    style = "Bold" if "B" in face.style else "Regular"
    return f"{face.family}-{style}-{fingerprint}.ttf"


@lru_cache(maxsize=None)
def _file_digest(source: Path) -> bytes:
    # Package fonts do not change while a process runs; hash each one once.
    return hashlib.sha256(source.read_bytes()).digest()


def _is_complete_font(path: Path) -> bool:
    """Tell whether every table is present and matches its checksum.

    Takes about 3 ms per font: cheap enough to do for every certificate,
    so a damaged cache heals itself without a restart.
    """
    try:
        # Open the file ourselves: TTFont leaves it open when parsing fails.
        with open(path, "rb") as stream, TTFont(stream, lazy=True) as font:
            reader = font.reader
            for tag in reader.keys():
                if _table_checksum(tag, reader[tag]) != reader.tables[tag].checkSum:
                    return False
            return "glyf" in reader and "cmap" in reader
    except Exception:  # a damaged file can break fontTools' parsing in any way
        return False


def _table_checksum(tag: str, data: bytes) -> int:
    if tag == "head":
        # The head table's own sum is taken with checkSumAdjustment zeroed.
        data = data[:8] + b"\0\0\0\0" + data[12:]
    return calcChecksum(data)


def _build_atomically(face: FontFace, source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with TTFont(source) as variable_font:
        static_font = instancer.instantiateVariableFont(
            variable_font, face.axes, updateFontNames=True
        )
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.stem}-", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            static_font.save(stream)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private; the web server and the command line
        # may run as different users and share the cache.
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
