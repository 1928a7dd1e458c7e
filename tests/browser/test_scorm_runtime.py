"""An exported course in a real SCORM 1.2 runtime (scorm-again), as a learning system would run it.

The package (all languages) is unzipped beside a harness page of our own that
makes scorm-again's runtime the `window.API` and launches the package in a
frame. A person chooses the language, reads every page, fails and then passes
the quizzes by the words on the labels, and the runtime must hold what a
learning system would record: passed, the score, where to resume. Halfway the
course is relaunched from what the runtime kept, and picks up where it was left.
"""

from __future__ import annotations

import contextlib
import json
import re
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask_babel import force_locale, gettext
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from journeys import COURSE, choice_words, course_modules
from live_server import REPOSITORY
from scenario_paths import good_path
from scorm_runtime import fetch_scorm_again, lay_out_site, serving
from signaal.courses.catalogue import live_version
from signaal.courses.publishing import publish_course
from signaal.languages.available import native_name
from signaal.scorm.package import build_scorm_package
from signaal.scorm.pages import Stop
from test_every_page import WCAG_21_AA

pytestmark = pytest.mark.browser

WORDS = (
    "Start", "Next", "Go to the quiz", "Check my answers", "Try again", "Back to the course", "Continue",
    "You reached a good end of this scenario.", "This ending does not pass yet: read what happened and try again.",
)
SCENES = REPOSITORY / "tests" / "data" / "courses" / "scenes"


@pytest.fixture(scope="session")
def scorm_runtime(request):
    return fetch_scorm_again(request.config.cache.mkdir("scorm-again"))


@pytest.fixture(scope="session")
def scorm_site(live, scorm_runtime, tmp_path_factory):
    """The bundled course's package in every language, served with the harness; yields the harness URL."""
    with live.app.app_context():
        version = live_version(COURSE)
        package = build_scorm_package(version, version.languages)
    folder = tmp_path_factory.mktemp("scorm-site")
    lay_out_site(folder, scorm_runtime, package.data)
    with serving(folder) as url:
        yield url


def words_in(app, language: str) -> dict[str, str]:
    with app.test_request_context(), force_locale(language):
        return {word: gettext(word) for word in WORDS}


def label_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def cmi(page, element: str) -> str:
    return page.evaluate("element => window.API.LMSGetValue(element)", element)


def recorded(page, element: str, value: str) -> None:
    """Wait until the runtime holds value: a page reports when its script has run, after it shows."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function("([element, value]) => window.API.LMSGetValue(element) === value", arg=[element, value], timeout=10_000)
    assert cmi(page, element) == value, element


def answer(content, module, right: int | None = None) -> None:
    """Tick an answer to every question the quiz asks, by its label: right ones, or wrong ones past `right`."""
    questions = {question.id: question for question in module.quiz.questions}
    shown = content.locator("fieldset.question:not([hidden])")
    expect(shown).to_have_count(module.quiz.asked)
    for index in range(module.quiz.asked):
        fieldset = shown.nth(index)
        question = questions[fieldset.locator("input").first.get_attribute("name").removeprefix("answer-")]
        ticks_right = right is None or index < right
        chosen = [o for o in question.options if o.correct] if ticks_right else [next(o for o in question.options if not o.correct)]
        for option in chosen:
            fieldset.get_by_label(label_text(option.html), exact=True).check()


def read_module(content, module, words) -> None:
    """Read every page of the module, checking each is the one expected, play its scenarios to a good
    ending, and go on to its quiz."""
    for number, page in enumerate(module.pages, start=1):
        expect(content.locator("article h1")).to_have_text(page.title)
        expect(content.locator("article")).to_have_attribute("lang", module.language)
        link = words["Next"] if number < module.page_count or module.scenarios else words["Go to the quiz"]
        content.locator(".pager").get_by_role("link", name=link, exact=True).click()
    for scenario in module.scenarios:
        expect(content.locator("h1")).to_have_text(scenario.start.title)
        for choice in good_path(scenario):
            content.get_by_role("link", name=choice_words(choice), exact=True).click()
            expect(content.locator("h1")).to_have_text(scenario.step(choice.target).title)
        content.get_by_role("link", name=words["Continue"], exact=True).click()
    expect(content.locator("h1")).to_have_text(module.quiz.title)


def check_answers(content, words, passed: bool) -> None:
    content.get_by_role("button", name=words["Check my answers"]).click()
    expect(content.locator(f'[data-result="{"passed" if passed else "failed"}"]')).to_be_visible()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_package_reports_progress_score_and_passed_to_a_scorm_runtime(live, scorm_site, new_context, screenshot, language):
    version, modules = course_modules(live, language=language)
    words = words_in(live.app, language)
    page = new_context(locale=language).new_page()
    errors: list[str] = []
    # The runtime logs every wrong SCORM call as an error; a missing file shows as a failed response.
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" and "Failed to load resource" not in message.text else None)
    page.on("response", lambda response: errors.append(f"{response.status} {response.url}") if response.status >= 400 and not response.url.endswith("/favicon.ico") else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(scorm_site)
    content = page.frame_locator("#sco").frame_locator("#signaal-content")

    content.get_by_role("link", name=native_name(language), exact=True).click()
    expect(content.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    content.get_by_role("link", name=words["Start"], exact=True).click()
    recorded(page, "cmi.core.lesson_status", "incomplete")

    # The first module: read it, fail its quiz, then pass it.
    first = modules[0]
    read_module(content, first, words)
    answer(content, first, right=0)
    check_answers(content, words, passed=False)
    recorded(page, "cmi.core.lesson_status", "failed")
    assert (cmi(page, "cmi.core.score.raw"), cmi(page, "cmi.core.score.max")) == ("0", "100")
    content.get_by_role("link", name=words["Try again"], exact=True).click()
    answer(content, first)
    check_answers(content, words, passed=True)
    recorded(page, "cmi.core.lesson_status", "incomplete")
    content.get_by_role("link", name=words["Next"], exact=True).click()
    second_start = Stop(modules[1], 1).path
    expect(content.locator("article h1")).to_have_text(modules[1].pages[0].title)
    recorded(page, "cmi.core.lesson_location", second_start)

    # Relaunched from what the runtime kept, the course opens where it was left.
    kept = {
        "core": {"lesson_location": second_start, "lesson_status": cmi(page, "cmi.core.lesson_status")},
        "suspend_data": cmi(page, "cmi.suspend_data"),
    }
    page.goto(f"{scorm_site}?resume={quote(json.dumps(kept))}")
    content = page.frame_locator("#sco").frame_locator("#signaal-content")
    expect(content.locator("article h1")).to_have_text(modules[1].pages[0].title)

    # The other modules, the last one passed with one answer wrong (3 of 4 reach the 70% pass mark).
    for module in modules[1:]:
        read_module(content, module, words)
        last = module is modules[-1]
        answer(content, module, right=module.quiz.asked - 1 if last else None)
        check_answers(content, words, passed=True)
        if not last:
            content.get_by_role("link", name=words["Next"], exact=True).click()
    screenshot(page, f"scorm-{language}-passed")

    last_percent = round(100 * (modules[-1].quiz.asked - 1) / modules[-1].quiz.asked)
    recorded(page, "cmi.core.lesson_status", "passed")
    assert cmi(page, "cmi.core.score.raw") == str(round((100 * (len(modules) - 1) + last_percent) / len(modules)))
    assert (cmi(page, "cmi.core.score.min"), cmi(page, "cmi.core.score.max")) == ("0", "100")
    assert cmi(page, "cmi.core.lesson_location") == Stop(modules[-1], None).path
    saved = json.loads(cmi(page, "cmi.suspend_data"))
    assert set(saved["quiz"]) == {module.module_id for module in modules}
    assert errors == [], errors


@pytest.mark.parametrize("language", ["en", "ar"])
def test_without_a_learning_system_the_pages_read_check_answers_and_pass_axe(live, scorm_site, new_context, screenshot, language):
    _, modules = course_modules(live, language=language)
    words = words_in(live.app, language)
    first = modules[0]
    page = new_context(locale=language).new_page()
    axe, problems = Axe(), []

    def inspect(name: str, direction: str = "rtl" if language == "ar" else "ltr") -> None:
        expect(page.locator("html")).to_have_attribute("dir", direction)
        results = axe.run(page, options=WCAG_21_AA)
        if results.violations_count:
            problems.append(f"{name} ({page.url}):\n{results.generate_report()}")
        screenshot(page, f"scorm-{language}-{name}")

    # Opened straight from the unzipped folder: no launch page, no API.
    page.goto(f"{scorm_site}package/languages.html")
    inspect("languages", direction="ltr")  # in the course's source language, each language named in itself
    page.get_by_role("link", name=native_name(language), exact=True).click()
    inspect("course")
    page.get_by_role("link", name=words["Start"], exact=True).click()
    inspect("page")
    read_module(page, first, words)
    inspect("quiz")
    answer(page, first)
    check_answers(page, words, passed=True)
    expect(page.locator("#quiz-result")).to_be_focused()
    inspect("quiz-passed")
    assert problems == [], "\n".join(problems)


def test_a_scenario_counts_once_a_passing_ending_is_reached(app, scorm_runtime, new_context, tmp_path, screenshot):
    assert not publish_course(SCENES).failed
    version = live_version("scenes")
    module = version.module("en", "house")
    (scenario,) = module.scenarios
    words = words_in(app, "en")
    lay_out_site(tmp_path, scorm_runtime, build_scorm_package(version, ("en",)).data)
    with serving(tmp_path) as url:
        page = new_context(locale="en").new_page()
        page.goto(url)
        content = page.frame_locator("#sco").frame_locator("#signaal-content")

        def to_the_scenario() -> None:
            expect(content.locator("article h1")).to_have_text(module.pages[0].title)
            content.locator(".pager").get_by_role("link", name=words["Next"], exact=True).click()
            expect(content.locator("h1")).to_have_text(scenario.start.title)

        def choose(choice) -> None:
            content.get_by_role("link", name=choice_words(choice), exact=True).click()
            expect(content.locator("h1")).to_have_text(scenario.step(choice.target).title)
            # The feedback of the choice just made, and no other.
            feedback = content.locator(".choice-feedback:visible")
            expect(feedback).to_have_count(1)
            expect(feedback.locator(".chosen")).to_have_text(choice_words(choice))

        content.get_by_role("link", name=words["Start"], exact=True).click()
        to_the_scenario()
        # Leaving without talking to the man: a harmful ending, the scenario is not done.
        leave = next(choice for choice in scenario.start.choices if scenario.step(choice.target).ending == "harmful")
        choose(leave)
        expect(content.get_by_text(words["This ending does not pass yet: read what happened and try again."])).to_be_visible()
        content.get_by_role("link", name=words["Continue"], exact=True).click()
        # The quiz passed is not enough while the scenario has not reached a passing ending.
        answer(content, module)
        check_answers(content, words, passed=True)
        recorded(page, "cmi.core.score.raw", "100")  # the quiz is recorded…
        recorded(page, "cmi.core.lesson_status", "incomplete")  # …and is not enough

        content.get_by_role("link", name=words["Back to the course"], exact=True).first.click()
        content.get_by_role("link", name=module.title, exact=True).click()
        to_the_scenario()
        step = scenario.start
        while not step.ending:
            choice = next(c for c in step.choices if scenario.step(c.target).ending != "harmful")
            choose(choice)
            step = scenario.step(choice.target)
        expect(content.get_by_text(words["You reached a good end of this scenario."])).to_be_visible()
        expect(content.get_by_text(label_text(step.html))).to_be_visible()  # the debrief
        screenshot(page, "scorm-en-scenario-passed")
        recorded(page, "cmi.core.lesson_location", f"en/house.{scenario.id}.{step.id}.html")
        recorded(page, "cmi.core.lesson_status", "passed")
