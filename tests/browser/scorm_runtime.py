"""A real SCORM 1.2 runtime for the exported packages: scorm-again, in a harness page served locally.

scorm-again comes from the npm registry (a pinned version), fetched once into
.pytest_cache/; without npm the tests that need it are skipped with the reason,
and `.ci/run` installs npm so CI always runs them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import shutil
import subprocess
import tarfile
import threading
import zipfile
from pathlib import Path

import pytest

SCORM_AGAIN = "scorm-again@3.4.3"
HARNESS = Path(__file__).with_name("scorm_harness.html")


def fetch_scorm_again(cache: Path) -> Path:
    """The SCORM 1.2 runtime script (dist/scorm12.js) of the pinned scorm-again, fetched once."""
    runtime = cache / SCORM_AGAIN / "package" / "dist" / "scorm12.js"
    if runtime.exists():
        return runtime
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is missing: `apt-get install npm` (as .ci/run does) to run the SCORM runtime tests")
    folder = cache / SCORM_AGAIN
    folder.mkdir(parents=True, exist_ok=True)
    packed = subprocess.run(
        [npm, "pack", SCORM_AGAIN, "--pack-destination", str(folder), "--silent"],
        check=True, capture_output=True, text=True, timeout=300,
    ).stdout.strip().splitlines()[-1]
    with tarfile.open(folder / packed) as archive:
        archive.extractall(folder, filter="data")
    assert runtime.exists(), f"{SCORM_AGAIN} has no dist/scorm12.js any more"
    return runtime


def lay_out_site(folder: Path, runtime: Path, package: bytes) -> None:
    """The harness page, the runtime beside it and the package, unzipped as a learning system does, under package/."""
    shutil.copy(HARNESS, folder / "index.html")
    shutil.copy(runtime, folder / "scorm12.js")
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        archive.extractall(folder / "package")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature http.server gives
        pass


@contextlib.contextmanager
def serving(folder: Path):
    """Serve folder on a free 127.0.0.1 port in a thread; yield the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
