"""A scenario played in the browser by the words on its buttons, to a good and to a harmful ending.

With JavaScript on and off, in English and in Arabic (right to left): each step
is its own page, each choice a button in a labelled group, the feedback of a
choice is shown (as a status) on the next page, and an ending says whether it
passes and offers to try again. The texts come from the served course, in the
person's language.
"""

from __future__ import annotations

import itertools
import re

import pytest
from flask_babel import force_locale, gettext
from playwright.sync_api import expect

from journeys import course_modules, sign_in
from live_server import PASSWORD
from signaal.accounts.registry import create_user
from signaal.extensions import db

pytestmark = pytest.mark.browser

COURSE = "scenes"
_numbers = itertools.count(1)


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def interface(live, language: str) -> dict[str, str]:
    with live.app.test_request_context(), force_locale(language):
        return {
            "group": gettext("What do you do?"),
            "passed": gettext("You reached a good end of this scenario."),
            "not passed": gettext("This ending does not pass yet: read what happened and try again."),
            "again": gettext("Try again"),
            "choice": gettext("Your choice"),
        }


def choose(page, scenario, step, index: int, texts: dict[str, str]):
    """Press the choice by its label inside the labelled group; return the step it leads to."""
    choice = step.choices[index]
    group = page.get_by_role("group", name=texts["group"])
    group.get_by_role("button", name=words(choice.label_html), exact=True).click()
    target = scenario.step(choice.target)
    expect(page.locator("article h1")).to_have_text(target.title)
    feedback = page.get_by_role("status").filter(has_text=texts["choice"])
    expect(feedback).to_contain_text(words(choice.label_html))
    if choice.feedback_html:
        expect(feedback).to_contain_text(words(choice.feedback_html))
    return target


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_play_a_scenario_to_a_good_and_to_a_harmful_ending(live, new_context, screenshot, language, javascript):
    _, (module,) = course_modules(live, COURSE, language)
    scenario = module.scenarios[0]
    texts = interface(live, language)
    assert language == "en" or texts["group"] != "What do you do?", "the Arabic catalog lacks the scenario strings"
    username = f"scenario-{language}-{'js' if javascript else 'nojs'}-{next(_numbers)}"
    with live.app.app_context():
        create_user(username, PASSWORD, language=language)
        db.session.commit()
    page = new_context(locale=language, java_script_enabled=javascript).new_page()
    sign_in(page, username)
    page.goto(f"/courses/{COURSE}/{module.module_id}/scenarios/{scenario.id}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(page.locator("article")).to_have_attribute("lang", language)
    expect(page.locator("article h1")).to_have_text(scenario.start.title)

    # To a good ending: talk to the man alone, then give him the helpline's number.
    outside = choose(page, scenario, scenario.start, 0, texts)
    helped = choose(page, scenario, outside, 0, texts)
    assert helped.ending == "good"
    expect(page.locator("main .panel[role=status]")).to_contain_text(texts["passed"])
    expect(page.locator("article")).to_contain_text(words(helped.html))
    screenshot(page, f"scenario-{language}-{'js' if javascript else 'nojs'}-good")

    # Again, to a harmful ending: leave without talking to him.
    page.get_by_role("button", name=texts["again"], exact=True).click()
    expect(page.locator("article h1")).to_have_text(scenario.start.title)
    expect(page.get_by_role("status").filter(has_text=texts["choice"])).to_have_count(0)
    left = choose(page, scenario, scenario.start, 1, texts)
    assert left.ending == "harmful"
    expect(page.locator("main .panel[role=status]")).to_contain_text(texts["not passed"])
    expect(page.get_by_role("group", name=texts["group"])).to_have_count(0)
    expect(page.get_by_role("button", name=texts["again"], exact=True)).to_be_visible()
    screenshot(page, f"scenario-{language}-{'js' if javascript else 'nojs'}-harmful")

    # The browser's back button shows an old step; its choice is not taken and the ending stays.
    page.go_back()
    page.go_back()
    if page.get_by_role("group", name=texts["group"]).count():
        page.get_by_role("group", name=texts["group"]).get_by_role("button").first.click()
        expect(page.locator("article h1")).to_have_text(left.title)
