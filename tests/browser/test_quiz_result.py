"""The quiz result tells each participant the truth about their own answers, in English and in Arabic.

For a partly wrong, a fully wrong and a fully right attempt, every option of
every question is read off the page as the person sees it: its words, and the
labels next to it ("Your answer", "Right answer" in the interface language).
The attempts tick different options in different questions, so a page that
mixes up which option was chosen fails here.
"""

from __future__ import annotations

import itertools
import re

import pytest
from flask_babel import force_locale, gettext
from playwright.sync_api import expect

from journeys import COURSE, course_modules, read_module, sign_in, submit_main_form
from live_server import PASSWORD
from quiz_answers import asked_questions
from signaal.accounts.registry import create_user
from signaal.extensions import db

pytestmark = pytest.mark.browser

_numbers = itertools.count(1)


def attempts(module) -> dict[str, dict[str, list[int]]]:
    """Question id -> chosen option indices, for each kind of attempt."""
    questions = module.quiz.questions
    right = {q.id: [i for i, o in enumerate(q.options) if o.correct] for q in questions}
    wrong = {q.id: [next(i for i, o in enumerate(q.options) if not o.correct)] for q in questions}
    # Right on every other question, wrong on the rest: the chosen options differ between questions.
    partly = {q.id: (right if n % 2 else wrong)[q.id] for n, q in enumerate(questions)}
    return {"partly-wrong": partly, "fully-wrong": wrong, "fully-right": right}


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def labels_in(live, language: str) -> tuple[str, str]:
    with live.app.test_request_context(), force_locale(language):
        return gettext("Your answer"), gettext("Right answer")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_result_shows_what_was_chosen_and_what_is_right(live, new_context, screenshot, language):
    _, modules = course_modules(live, language=language)
    module = modules[0]
    your_answer, right_answer = labels_in(live, language)
    assert language == "en" or your_answer != "Your answer", "the Arabic catalog lacks the result labels"
    username = f"result-{language}-{next(_numbers)}"
    with live.app.app_context():
        create_user(username, PASSWORD, language=language)
        db.session.commit()
    page = new_context(locale=language).new_page()
    sign_in(page, username)
    read_module(page, COURSE, module)  # the quiz opens after the pages

    for kind, chosen in attempts(module).items():
        page.goto(f"/courses/{COURSE}/{module.module_id}/quiz")
        # The form asks some of the questions, each with its options in an order of its own: answer by label.
        asked = asked_questions(page.content())
        questions = [question for question in module.quiz.questions if question.id in asked]
        for question in questions:
            fieldset = page.locator("fieldset", has=page.locator(f'input[name="answer-{question.id}"]'))
            for index in chosen[question.id]:
                fieldset.get_by_label(words(question.options[index].html), exact=True).check()
        submit_main_form(page)
        expect(page.locator("main .panel[role=status]")).to_be_visible()
        screenshot(page, f"quiz-result-{language}-{kind}")

        results = page.locator("main ol.results > li")
        expect(results).to_have_count(len(questions))
        for number, question in enumerate(questions):
            options = results.nth(number).locator("li.answer-option")
            expect(options).to_have_count(len(question.options))
            for index, option in enumerate(question.options):
                shown = options.nth(index)
                expect(shown.locator(".option-text")).to_have_text(words(option.html))
                expected = [your_answer] if index in chosen[question.id] else []
                if option.correct:
                    expected.append(right_answer)
                assert shown.locator(".tag").all_inner_texts() == expected, (
                    f"{kind}, question {number + 1}, option {index + 1}: {shown.inner_text()!r}"
                )
        passed = "panel-success" in page.locator("main .panel[role=status]").get_attribute("class")
        assert passed is (kind == "fully-right") or kind == "partly-wrong"
