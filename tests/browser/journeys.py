"""What a person does in the browser, step by step, in any interface language.

Steps find controls by their place in the page (the pager's button, the quiz
form's submit button), not by their words, so that the same journey runs in
English, Polish or Arabic. The answer key comes from the served database.
"""

from __future__ import annotations

import html
import re

from playwright.sync_api import Page, expect

from live_server import PASSWORD
from quiz_answers import asked_questions, right_answers, wrong_answers
from scenario_paths import good_path
from signaal.courses.catalogue import live_version_or_404, modules_of
from signaal.extensions import db

COURSE = "your-rights-at-work"


def course_modules(live, course_id: str = COURSE, language: str | None = None):
    """The live version's modules, detached from the session, with their answer keys."""
    with live.app.app_context():
        version = live_version_or_404(course_id)
        modules = modules_of(version, language or version.language)
        db.session.expunge_all()
    assert modules, f"{course_id} is not published in {language} (languages: {version.languages}): check its translation"
    return version, modules


def register(page: Page, username: str, next_path: str = "") -> None:
    page.goto("/account/register" + (f"?next={next_path}" if next_path else ""))
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    submit_main_form(page)
    expect(page.locator("#username")).to_have_count(0)


def sign_in(page: Page, username: str) -> None:
    page.goto("/account/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    submit_main_form(page)
    expect(page.locator("#username")).to_have_count(0)


def submit_main_form(page: Page) -> None:
    # The header holds the sign-out form: the page's own form is the one in <main>.
    page.locator("main form button[type=submit]").first.click()


def read_module(page: Page, course_id: str, module) -> None:
    """Open the module's first page and follow the pager's main button, through its scenarios, to its quiz."""
    page.goto(f"/courses/{course_id}/{module.module_id}/1")
    for number in range(1, module.page_count + 1):
        expect(page.locator("article")).to_have_attribute("lang", module.language)
        expect(page.locator("article h1")).to_have_text(module.pages[number - 1].title)
        page.locator(".pager a.button").click()
    for scenario in module.scenarios:
        play_to_a_good_ending(page, scenario)
        page.locator("main p.actions a.button").click()  # "Continue"
    expect(page.locator("main form fieldset.question").first).to_be_visible()


def play_to_a_good_ending(page: Page, scenario) -> None:
    """Press, step by step, the choice buttons (by their words) that lead to a good ending."""
    expect(page.locator("article h1")).to_have_text(scenario.start.title)
    for choice in good_path(scenario):
        page.locator(".choices").get_by_role("button", name=choice_words(choice), exact=True).click()
        expect(page.locator("article h1")).to_have_text(scenario.step(choice.target).title)


def choice_words(choice) -> str:
    """A scenario choice's accessible name: the label's text, inline markup such as *huisarts* dropped."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", choice.label_html)).split())


def tick_answers(page: Page, module, answers: dict[str, list[str]]) -> None:
    """Tick the given options (indices as written in the course) by their label, as a person does.

    The form asks some of the questions, each with its options in an order of its own.
    """
    asked = asked_questions(page.content())
    for question in module.quiz.questions:
        if question.id not in asked:
            continue
        fieldset = page.locator("fieldset", has=page.locator(f'input[name="answer-{question.id}"]'))
        for value in answers.get(f"answer-{question.id}", []):
            label = " ".join(re.sub(r"<[^>]+>", " ", question.options[int(value)].html).split())
            fieldset.get_by_label(label, exact=True).check()


def answer_quiz(page: Page, module, answers: dict[str, list[str]]) -> bool:
    """Tick the given options, submit, and tell whether the result page says passed."""
    tick_answers(page, module, answers)
    submit_main_form(page)
    verdict = page.locator("main .panel[role=status]").first
    expect(verdict).to_be_visible()
    return "panel-success" in (verdict.get_attribute("class") or "")


def fail_then_pass(page: Page, module) -> None:
    assert answer_quiz(page, module, wrong_answers(module)) is False
    page.locator("main a.button").click()  # "Try again"
    assert answer_quiz(page, module, right_answers(module)) is True


def choose_language(page: Page, code: str) -> None:
    """Open the header's language menu, choose the language, and wait for the page in it."""
    page.locator("details.language-menu summary").click()
    page.select_option("#language-choice", code)
    page.locator("details.language-menu button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def verify_url_in(pdf_text: str) -> str:
    match = re.search(r"https?://\S+/verify/[\w-]+", pdf_text)
    assert match, f"no verification URL in the certificate:\n{pdf_text}"
    return match.group(0)
