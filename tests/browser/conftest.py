"""Browser tests: Playwright drives Debian's Chromium against a real served Signaal.

Without /usr/bin/chromium every test marked `browser` is reported as skipped,
with the reason; `.ci/run` installs Chromium with apt so CI always runs them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from live_server import REPOSITORY, LiveInstance

# Debian's Chromium; SIGNAAL_CHROMIUM points elsewhere (e.g. /usr/bin/chromium-browser).
CHROMIUM = Path(os.environ.get("SIGNAAL_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = REPOSITORY / "artifacts" / "screenshots"
# A small test course with a scenario, served beside the bundled courses.
SCENES = REPOSITORY / "tests" / "data" / "courses" / "scenes"
PHONE = {"width": 360, "height": 740}
LAUNCH_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} is missing: `apt-get install chromium` (as .ci/run does) to run the browser tests"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright's own browser download cannot work here: use the system's Chromium.
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": LAUNCH_FLAGS}


@pytest.fixture(scope="session")
def live(tmp_path_factory, font_cache):
    """One served instance for the whole run: gunicorn, SQLite, the bundled courses and the scenes test course published."""
    instance = LiveInstance(tmp_path_factory.mktemp("live"), font_cache, extra_courses=(SCENES,)).prepare()
    with instance.serving() as url:
        instance.url = url
        yield instance


@pytest.fixture(scope="session")
def base_url(live):
    """Relative URLs in page.goto() go to the served instance."""
    return live.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Every page opens at a cheap phone's size."""
    return {**browser_context_args, "viewport": PHONE}


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under artifacts/screenshots/ (kept by CI)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take
