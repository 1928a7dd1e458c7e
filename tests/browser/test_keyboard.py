"""Keyboard only: a participant completes a quiz with Tab, arrow keys, Space and Enter, always seeing the focus."""

from __future__ import annotations

import itertools

import pytest

from journeys import COURSE, course_modules, read_module
from live_server import PASSWORD
from quiz_answers import asked_questions
from signaal.accounts.registry import create_user
from signaal.extensions import db

pytestmark = pytest.mark.browser

_numbers = itertools.count(1)

# The focused element, and whether a sighted keyboard user can see where the focus is.
FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    name: el.getAttribute("name"), value: el.value, type: el.type, tag: el.tagName,
    visible: el.matches(":focus-visible") && style.outlineStyle !== "none"
      && parseFloat(style.outlineWidth) >= 2 && box.width > 0 && box.height > 0
      && box.left >= 0 && box.right <= window.innerWidth,
  };
}"""


def tab_to(page, wanted, limit: int = 60) -> dict:
    """Press Tab until `wanted(focus)` holds; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        assert focus["visible"], f"focus is not visible on {focus}"
        if wanted(focus):
            return focus
    raise AssertionError(f"Tab never reached the wanted control within {limit} presses")


def test_quiz_can_be_completed_with_the_keyboard_alone(live, page, screenshot):
    module = course_modules(live)[1][0]
    username = f"keyboard-{next(_numbers)}"
    with live.app.app_context():
        create_user(username, PASSWORD)
        db.session.commit()

    page.goto("/account/login")
    tab_to(page, lambda f: f["name"] == "username")
    page.keyboard.type(username)
    tab_to(page, lambda f: f["name"] == "password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/account/login" not in url)

    read_module(page, COURSE, module)  # the quiz opens once the pages were read
    page.goto(f"/courses/{COURSE}/{module.module_id}/quiz")
    # The form asks some of the questions, options in an order of its own: the right ones by where they are shown.
    asked = asked_questions(page.content())
    for question in module.quiz.questions:
        if question.id not in asked:
            continue
        name = f"answer-{question.id}"
        values = [str(asked[question.id].index(i)) for i, option in enumerate(question.options) if option.correct]
        focus = tab_to(page, lambda f: f["name"] == name)
        if focus["type"] == "radio":
            # A radio group is one Tab stop: the arrow keys move the choice, Space confirms it.
            for _ in range(int(values[0]) - int(focus["value"] or 0)):
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
        else:
            for value in values:
                tab_to(page, lambda f: f["name"] == name and f["value"] == value)
                page.keyboard.press("Space")
        assert page.evaluate(FOCUS)["visible"]
    screenshot(page, "keyboard-quiz-answered")
    tab_to(page, lambda f: f["tag"] == "BUTTON" and f["type"] == "submit")
    page.keyboard.press("Enter")
    page.wait_for_url("**/attempts/**")
    assert "panel-success" in page.locator("main .panel[role=status]").get_attribute("class")
