"""Every page type, on a cheap phone (360×740) and a laptop (1280×800), in English and in Arabic (right to left).

For each page: no sideways scrolling of the page itself (wide tables scroll
in their own region), no chart text under 12 px, and axe-core finds no WCAG
2.1 A/AA violation. A full-page screenshot of each lands in
artifacts/screenshots/ to be looked at. Every problem of every page is
reported at once.
"""

from __future__ import annotations

import itertools

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import url_for

from journeys import COURSE, course_modules, sign_in, submit_main_form, tick_answers
from live_server import PASSWORD
from quiz_answers import wrong_answers
from signaal.accounts.models import Role
from signaal.accounts.registry import create_user
from signaal.certificates.issuing import issue_certificate
from signaal.courses.catalogue import live_version_or_404
from signaal.extensions import db
from signaal.organisations.models import Group, Membership, Organisation

pytestmark = pytest.mark.browser

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
LANGUAGES = {"en": "ltr", "ar": "rtl"}
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
SMALLEST_CHART_TEXT = 12  # CSS pixels
_numbers = itertools.count(1)
# The scenes test course (tests/data/courses/scenes), served beside the bundled ones.
SCENARIO = {"course_id": "scenes", "module_id": "house", "scenario_id": "house-visit"}

# The page's own width against the window, and the smallest text inside any chart.
LAYOUT = """() => {
  const sizes = [...document.querySelectorAll('.chart *, svg text')]
    .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(el => parseFloat(getComputedStyle(el).fontSize) * (el.closest('svg') ?
        el.closest('svg').getBoundingClientRect().width / (el.closest('svg').viewBox.baseVal.width || el.closest('svg').getBoundingClientRect().width) : 1));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    smallestChartText: sizes.length ? Math.min(...sizes) : null,
  };
}"""


def people(live, language: str) -> tuple[dict[str, str], str]:
    """User names of a participant holding a certificate, the trainer, the coordinator and an
    administrator; and the participant's certificate code."""
    number = next(_numbers)
    names = {"participant": f"page-reader-{language}-{number}", "admin": f"page-admin-{language}-{number}",
             "coordinator": "coordinator", "trainer": "trainer"}
    with live.app.app_context():
        participant = create_user(names["participant"], PASSWORD, language=language)
        code = issue_certificate(participant, live_version_or_404(COURSE), language).code
        create_user(names["admin"], PASSWORD, role=Role.ADMIN)
        db.session.commit()
    return names, code


def addresses(live, language: str, code: str) -> dict[str, list[tuple[str, str]]]:
    """(page type, path) per person who sees it; built with url_for so the paths follow the routes."""
    first = course_modules(live)[1][0]
    with live.app.app_context(), live.app.test_request_context():
        organisation = db.session.scalar(db.select(Organisation).filter_by(name="Browser test employer"))
        group = db.session.scalar(db.select(Group).filter_by(organisation_id=organisation.id))
        reader = db.session.scalar(db.select(Membership).filter_by(organisation_id=organisation.id))
        module = dict(course_id=COURSE, module_id=first.module_id)
        return {
            "visitor": [
                ("login", url_for("accounts.login")),
                ("registration", url_for("accounts.register")),
                ("verify-form", url_for("certificates.verify")),
                ("verification", url_for("certificates.verify", code=code)),
                ("verification-not-found", url_for("certificates.verify", code="7K3M-Q9TX-2HCW-5RJD-W")),
                ("invitation", live.invite_path),
                ("not-found", "/no-such-page"),
            ],
            "participant": [
                ("catalogue", url_for("courses.catalogue")),
                ("course", url_for("learning.course", course_id=COURSE)),
                ("lesson", url_for("learning.page", page_number=1, **module)),
                ("lesson-last", url_for("learning.page", page_number=first.page_count, **module)),
                ("side-by-side", url_for("learning.side_by_side", page_number=1, **module)),
                ("help-card", url_for("courses.help_card", course_id=COURSE)),
                ("quiz", url_for("quizzes.quiz", **module)),
                ("certificates", url_for("certificates.mine")),
                ("certificate-name", url_for("certificates.settings", code=code, download="pdf")),
                ("your-data", url_for("privacy.overview")),
                ("forbidden", url_for("statistics.overview")),
                ("scenario-step", url_for("scenarios.play", **SCENARIO)),
                ("scenario-side-by-side", url_for("scenarios.side_by_side", **SCENARIO)),
            ],
            "trainer": [
                ("trainer-courses", url_for("trainers.index")),
                ("trainer-course", url_for("trainers.course", course_id=COURSE)),
                ("trainer-preview", url_for("trainers.preview_page", course_id=COURSE, language=language, module_id=first.module_id, page_number=1)),
                ("trainer-preview-quiz", url_for("trainers.preview_quiz", course_id=COURSE, language="en", module_id=first.module_id)),
            ],
            "coordinator": [
                ("statistics", url_for("statistics.overview")),
                ("statistics-course", url_for("statistics.course", course_id=COURSE)),
                ("statistics-course-scenarios", url_for("statistics.course", course_id=SCENARIO["course_id"])),
                ("statistics-participants", url_for("statistics.participants", organisation=organisation.id)),
                ("statistics-expiring", url_for("statistics.expiring")),
                ("organisations", url_for("organisations.index")),
                ("organisation", url_for("organisations.organisation", organisation_id=organisation.id)),
                ("group", url_for("organisations.group", group_id=group.id)),
                ("person", url_for("organisations.person", organisation_id=organisation.id, user_id=reader.user_id)),
            ],
            "admin": [
                ("audit-log", url_for("audit.log")),
            ],
        }


def url_for_scenario(paths) -> str:
    return dict(paths["participant"])["scenario-step"]


def opened(new_context, language: str, size: dict):
    # Every context starts at the phone size (conftest.py); this one is resized.
    page = new_context(locale=language).new_page()
    page.set_viewport_size(size)
    return page


class Inspection:
    """Checks each page it is shown and keeps every problem for one final report."""

    def __init__(self, language: str, viewport: str, screenshot):
        self.language, self.viewport, self.screenshot, self.axe = language, viewport, screenshot, Axe()
        self.problems: list[str] = []
        self.seen: list[str] = []

    def check(self, page, page_type: str) -> None:
        self.seen.append(page_type)
        html = page.locator("html")
        where = f"{page_type} ({page.url})"
        if not (html.get_attribute("lang") or "").startswith(self.language):
            self.problems.append(f"{where}: not in {self.language}")
        if html.get_attribute("dir") != LANGUAGES[self.language]:
            self.problems.append(f"{where}: dir is not {LANGUAGES[self.language]}")
        layout = page.evaluate(LAYOUT)
        if layout["scrollWidth"] > layout["innerWidth"]:
            self.problems.append(f"{where}: the page scrolls sideways ({layout['scrollWidth']} > {layout['innerWidth']} px)")
        if layout["smallestChartText"] is not None and layout["smallestChartText"] < SMALLEST_CHART_TEXT:
            self.problems.append(f"{where}: chart text of {layout['smallestChartText']:.1f} px")
        results = self.axe.run(page, options=WCAG_21_AA)
        if results.violations_count:
            self.problems.append(f"{where}: axe-core\n{results.generate_report()}")
        self.screenshot(page, f"{self.viewport}-{self.language}-{page_type}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_fits_reads_and_passes_axe(live, new_context, screenshot, language, viewport):
    inspection = Inspection(language, viewport, screenshot)
    names, code = people(live, language)
    paths = addresses(live, language, code)
    size = VIEWPORTS[viewport]

    visitor = opened(new_context, language, size)
    for page_type, path in paths["visitor"]:
        visitor.goto(path)
        inspection.check(visitor, page_type)
    visitor.goto(paths["visitor"][1][1])
    submit_main_form(visitor)  # empty: a form sent back with its errors
    inspection.check(visitor, "registration-errors")

    for person in ("participant", "trainer", "coordinator", "admin"):
        page = opened(new_context, language, size)
        sign_in(page, names[person])
        for page_type, path in paths[person]:
            page.goto(path)
            inspection.check(page, page_type)
        if person == "participant":
            page.goto(paths["participant"][6][1])  # the quiz, answered wrongly: the result page
            module = course_modules(live, language=language)[1][0]
            tick_answers(page, module, {name: values[:1] for name, values in wrong_answers(module).items()})
            submit_main_form(page)
            inspection.check(page, "quiz-result")
            page.goto(url_for_scenario(paths))
            page.locator(".choices button").first.click()  # a choice: the next step shows its feedback
            inspection.check(page, "scenario-feedback")
            page.locator(".choices button").last.click()  # a harmful ending: the debrief and "try again"
            inspection.check(page, "scenario-ending")
            page.goto(paths["participant"][0][1])
            page.locator("details.language-menu summary").click()  # the language menu, open
            inspection.check(page, "language-menu-open")

    assert not inspection.problems, "\n\n".join(inspection.problems)
