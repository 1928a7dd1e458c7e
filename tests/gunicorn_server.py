"""Serving an app with gunicorn on 127.0.0.1, for the tests and benchmarks that need a real server."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve(app_spec: str, *, workers: int, env: dict, log: Path, chdir: Path = REPOSITORY):
    """Run gunicorn for `app_spec` until the block ends; yield the base URL once it answers."""
    port = free_port()
    command = [
        # gunicorn 27 otherwise makes a control socket in the home folder.
        str(GUNICORN), "--no-control-socket", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--timeout", "60", "--chdir", str(chdir),
        "--log-level", "warning", app_spec,
    ]
    with open(log, "ab") as log_file:
        process = subprocess.Popen(command, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_answering(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start — see {log}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/", timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s — see {log}:\n{log.read_text()[-3000:]}")
