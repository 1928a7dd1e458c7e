"""A migrant worker on a phone, from invite link to a certificate anyone can check.

She joins through her group's invite link, takes the course in Polish, fails
then passes a quiz, switches to Romanian mid-course, completes it and
downloads the certificate; its URL verifies; her coordinator sees the
completion in the statistics and in the CSV export. The same journey runs with
JavaScript on and off: nothing in Signaal may need it.
"""

from __future__ import annotations

import csv
import io
import itertools

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from journeys import (
    COURSE,
    answer_quiz,
    choose_language,
    course_modules,
    fail_then_pass,
    read_module,
    register,
    sign_in,
    submit_main_form,
    verify_url_in,
)
from quiz_answers import right_answers

pytestmark = pytest.mark.browser

_names = itertools.count(1)


def completed_in_statistics(page, title: str) -> int:
    """The coordinator's "Completed" figure for the course, read from the statistics page."""
    page.goto("/statistics/")
    table = page.locator("#table-courses")
    column = table.locator("thead th").all_inner_texts().index("Completed")
    row = table.locator("tbody tr", has=page.locator("th", has_text=title))
    return int(row.locator("th, td").nth(column).inner_text())


def completed_in_csv(page, title: str) -> int:
    """The same figure from the coordinator's CSV export."""
    with page.expect_download() as download:
        page.locator("#table-courses caption a.csv").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    return int(next(row for row in rows if row["Course"] == title)["Completed"])


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_participant_joins_learns_in_two_languages_and_the_certificate_verifies(
    live, new_context, screenshot, javascript
):
    version, _ = course_modules(live)
    _, polish = course_modules(live, language="pl")
    _, romanian = course_modules(live, language="ro")
    shots = "participant" + ("" if javascript else "-no-js")
    coordinator = new_context(accept_downloads=True).new_page()
    sign_in(coordinator, "coordinator")
    completed_before = completed_in_statistics(coordinator, version.title)

    page = new_context(locale="pl", java_script_enabled=javascript, accept_downloads=True).new_page()
    name = f"Łucja.Nowak-{next(_names)}"
    page.goto(live.invite_path)
    screenshot(page, f"{shots}-invitation")
    register(page, name, next_path=live.invite_path)
    submit_main_form(page)  # "Join <group>"
    expect(page.locator("main .flash-success")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    screenshot(page, f"{shots}-catalogue")
    page.locator(f'a[href="/courses/{COURSE}"]').click()

    read_module(page, COURSE, polish[0])
    screenshot(page, f"{shots}-quiz")
    fail_then_pass(page, polish[0])
    screenshot(page, f"{shots}-quiz-passed")

    choose_language(page, "ro")
    for module in romanian[1:]:
        read_module(page, COURSE, module)
        assert answer_quiz(page, module, right_answers(module))

    page.goto(f"/courses/{COURSE}")
    expect(page.locator("main .panel-success")).to_be_visible()
    page.goto("/certificates")
    screenshot(page, f"{shots}-certificates")
    # The first download asks for the name on the certificate, and says the download fixes it.
    page.locator('main a[href$="download=pdf"]').first.click()
    expect(page.locator("#name")).to_have_value(name)
    screenshot(page, f"{shots}-certificate-name")
    with page.expect_download() as download:
        submit_main_form(page)  # "Save and download"
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert name in text

    # Anyone who scans the QR code, here the coordinator, reads that the certificate is valid.
    coordinator.goto(verify_url_in(text))
    expect(coordinator.locator("#verdict")).to_have_text("Valid")
    expect(coordinator.locator("main dl")).to_contain_text(name)
    screenshot(coordinator, f"{shots}-verified")

    assert completed_in_statistics(coordinator, version.title) == completed_before + 1
    screenshot(coordinator, f"{shots}-statistics")
    assert completed_in_csv(coordinator, version.title) == completed_before + 1
