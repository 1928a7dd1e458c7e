"""Static fonts for certificates, made once per server from the variable Noto fonts.

The fonts come from pip packages (fontpkg-noto-sans, fontpkg-noto-sans-arabic),
which ship only variable fonts. fpdf2 handles a variable font much more slowly
than a static one when it must pick a weight, so each weight we use is cut out
of the variable font with fontTools' instancer and kept in a cache folder.
Noto Sans covers Latin, Cyrillic and Greek; Noto Sans Arabic covers Arabic
and is designed to sit next to it.

Cutting takes tens of seconds, too long for a request (gunicorn stops a worker
after 30 s). So it happens at install time on every server (`flask setup`,
`flask certificates build-fonts`), under a file lock so that two processes
never do the work twice. A request never cuts: when the cache is not complete
yet it uses the variable fonts as they are (their default weight, regular,
also for bold lines) and starts the build in a separate process, so a fresh
server's first certificate takes well under a second and later ones have bold.

Files are written under a temporary name and renamed into place, so no process
ever reads half a font. The file name carries a fingerprint of the source font
and the recipe, so upgrading a font package gives new files rather than stale
ones.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import fontpkg
from fontTools.ttLib import TTFont
from fontTools.ttLib.sfnt import calcChecksum
from fontTools.varLib import instancer

CACHE_DIR_VARIABLE = "SIGNAAL_FONT_CACHE"
_SOURCE_ROOT = Path(__file__).resolve().parents[2]  # platform/, for the background build's imports
_log = logging.getLogger(__name__)


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
    """A font file for fpdf2's add_font: a cut static face, or the variable font while those are built."""

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
    """Return the certificate fonts at once: the static ones when built, else the variable fonts.

    Never builds in the caller (a request): a missing or damaged cache starts a
    build in another process and this certificate uses the variable fonts.
    """
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    built = _built_fonts(folder)
    if built is not None:
        return built
    _build_in_background(folder)
    return [StaticFont(face.family, face.style, fontpkg.path(face.source_family)) for face in CERTIFICATE_FACES]


def build_certificate_fonts(cache_dir: Path | str | None = None) -> list[StaticFont]:
    """Build every missing or damaged static font, waiting while another process builds them."""
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    with _build_lock(folder, wait=True):
        return [StaticFont(face.family, face.style, _static_font(face, folder)) for face in CERTIFICATE_FACES]


def _built_fonts(folder: Path) -> list[StaticFont] | None:
    fonts = []
    for face in CERTIFICATE_FACES:
        path = folder / _cache_file_name(face, fontpkg.path(face.source_family, face.weight))
        if not _is_complete_font(path):
            return None
        fonts.append(StaticFont(face.family, face.style, path))
    return fonts


@contextlib.contextmanager
def _build_lock(folder: Path, *, wait: bool):
    """Hold the cache folder's build lock; yields False instead of waiting when wait=False and it is taken."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".build.lock", "a") as lock_file:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


_background_builds: dict[Path, threading.Thread] = {}


def _build_in_background(folder: Path) -> None:
    running = _background_builds.get(folder)
    if running is not None and running.is_alive():
        return
    try:
        with _build_lock(folder, wait=False) as free:
            if not free:
                return  # another process is building right now
    except OSError as problem:  # e.g. a read-only cache folder: keep using the variable fonts
        _log.warning("certificate fonts: cannot build in %s (%s); run `flask certificates build-fonts`", folder, problem)
        return
    _log.warning("certificate fonts are not built in %s yet: building them now in the background "
                 "(run `flask certificates build-fonts` when installing a server)", folder)
    # A separate process: cutting fonts holds the GIL for seconds, which would slow this worker's requests.
    command = [sys.executable, "-m", "signaal.certificates.fonts", str(folder)]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(_SOURCE_ROOT), os.environ.get("PYTHONPATH")]))}
    thread = threading.Thread(
        target=subprocess.run, args=(command,), kwargs={"env": environment, "stdin": subprocess.DEVNULL}, daemon=True
    )
    _background_builds[folder] = thread
    thread.start()


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


if __name__ == "__main__":  # the background build: python -m signaal.certificates.fonts FOLDER
    os.nice(10)  # requests first: this certificate already has its fonts
    build_certificate_fonts(sys.argv[1])
