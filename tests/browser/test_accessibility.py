"""axe-core on every page type, in English and in Arabic (right to left): no WCAG 2.1 A/AA violation.

Each language walks through the pages a participant, a visitor and a
coordinator see, and reports every violation of every page at once.
"""

from __future__ import annotations

import itertools

import pytest
from axe_playwright_python.sync_playwright import Axe

from journeys import COURSE, course_modules, sign_in, submit_main_form
from live_server import PASSWORD
from quiz_answers import wrong_answers
from signaal.accounts.registry import create_user
from signaal.certificates.issuing import issue_certificate
from signaal.courses.catalogue import live_version_or_404
from signaal.extensions import db

pytestmark = pytest.mark.browser

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
LANGUAGES = {"en": "ltr", "ar": "rtl"}
_numbers = itertools.count(1)


def participant_with_certificate(live, language: str) -> tuple[str, str]:
    """A new participant who holds a certificate for the course; (user name, code)."""
    username = f"reader-{language}-{next(_numbers)}"
    with live.app.app_context():
        user = create_user(username, PASSWORD, language=language)
        certificate = issue_certificate(user, live_version_or_404(COURSE), language)
        db.session.commit()
        return username, certificate.code


class Audit:
    """Runs axe on each page it is shown and keeps every violation for one final report."""

    def __init__(self, language: str, screenshot):
        self.language, self.screenshot, self.axe = language, screenshot, Axe()
        self.reports: dict[str, str] = {}

    def check(self, page, page_type: str) -> None:
        html = page.locator("html")
        assert html.get_attribute("lang").startswith(self.language), f"{page_type}: not in {self.language}"
        assert html.get_attribute("dir") == LANGUAGES[self.language], page_type
        results = self.axe.run(page, options=WCAG_21_AA)
        if results.violations_count:
            self.reports[page_type] = f"{page.url}\n{results.generate_report()}"
        self.screenshot(page, f"a11y-{self.language}-{page_type}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_has_no_wcag_violations(live, new_context, screenshot, language):
    audit = Audit(language, screenshot)
    username, code = participant_with_certificate(live, language)
    first = course_modules(live)[1][0]

    visitor = new_context(locale=language).new_page()
    for path, page_type in [
        ("/account/login", "login"),
        ("/account/register", "registration"),
        (f"/verify/{code}", "verification"),
    ]:
        visitor.goto(path)
        audit.check(visitor, page_type)
    # A form sent back with errors must stay accessible too.
    visitor.goto("/account/register")
    submit_main_form(visitor)
    audit.check(visitor, "registration-errors")

    participant = new_context(locale=language).new_page()
    sign_in(participant, username)
    for path, page_type in [
        ("/", "catalogue"),
        (f"/courses/{COURSE}", "course"),
        (f"/courses/{COURSE}/{first.module_id}/1", "lesson"),
        (f"/courses/{COURSE}/{first.module_id}/quiz", "quiz"),
    ]:
        participant.goto(path)
        audit.check(participant, page_type)
    for name, values in wrong_answers(first).items():
        participant.locator(f'input[name="{name}"][value="{values[0]}"]').check()
    submit_main_form(participant)
    audit.check(participant, "quiz-result")
    participant.goto("/certificates")
    audit.check(participant, "certificates")

    coordinator = new_context(locale=language).new_page()
    sign_in(coordinator, "coordinator")
    coordinator.goto("/statistics/")
    audit.check(coordinator, "statistics")

    assert not audit.reports, "\n\n".join(f"== {kind}: {report}" for kind, report in audit.reports.items())
