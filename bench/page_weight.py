"""Page weight of a lesson page with everything it loads, as a phone's Chromium fetches it.

Target: under 50 KB in all, and no request to another host.

    .venv/bin/python bench/page_weight.py
"""

from __future__ import annotations

import secrets
import sys
import tempfile
import urllib.parse
from pathlib import Path

from served import PASSWORD, LiveInstance, print_table

CHROMIUM = "/usr/bin/chromium"
COURSE = "your-rights-at-work"
TARGET = 50 * 1024
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing — install it with `apt-get install chromium`")
    with tempfile.TemporaryDirectory(prefix="signaal-bench-") as folder:
        instance = LiveInstance(Path(folder), Path(folder) / "fonts").prepare()
        lessons = lesson_paths(instance)
        with instance.serving() as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            signed_in = browser.new_context(base_url=url)
            register(signed_in.new_page())
            rows, foreign = [], 0
            for path in lessons:
                # A new context per page: an empty cache, like a first visit.
                context = browser.new_context(base_url=url, viewport={"width": 360, "height": 740},
                                              storage_state=signed_in.storage_state())
                page, loaded = context.new_page(), []
                page.on("requestfinished", lambda request: loaded.append(request))
                page.goto(path, wait_until="networkidle")
                for request in loaded:
                    sizes = request.sizes()
                    size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
                    third_party = urllib.parse.urlsplit(request.url).netloc != urllib.parse.urlsplit(url).netloc
                    foreign += third_party
                    rows.append([path, request.resource_type, urllib.parse.urlsplit(request.url).path,
                                 f"{size / 1024:.1f}", "yes" if third_party else "no"])
                page_total = sum(float(r[3]) for r in rows if r[0] == path)
                rows.append([path, "", "**whole page**", f"**{page_total:.1f}**",
                             "target < 50 KB: " + ("met" if page_total * 1024 < TARGET else "MISSED")])
                context.close()
            browser.close()
    print("Chromium, 360×740, signed-in participant, cold cache; sizes include response headers.\n")
    print_table(["lesson page", "type", "resource", "KB", "third party"], rows)
    print(f"\nrequests to other hosts: {foreign}")


def lesson_paths(instance: LiveInstance) -> list[str]:
    """The first page of the course's first module and its longest page."""
    from signaal.courses.catalogue import live_version_or_404, modules_of

    with instance.app.app_context():
        version = live_version_or_404(COURSE)
        modules = modules_of(version, version.language)
        longest = max(((len(p["html"]), m.module_id, n) for m in modules for n, p in enumerate(m.pages, 1)))
        return [f"/courses/{COURSE}/{modules[0].module_id}/1", f"/courses/{COURSE}/{longest[1]}/{longest[2]}"]


def register(page) -> None:
    page.goto("/account/register")
    page.fill("#username", f"weigh-{secrets.token_hex(3)}")
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda u: "/account/register" not in u)


if __name__ == "__main__":
    main()
