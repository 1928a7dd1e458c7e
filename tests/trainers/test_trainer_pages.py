"""Trainers see every course: the check result, translations, and previews as participants see them."""

from __future__ import annotations

import re

import pytest

from quiz_answers import module_row
from signaal.accounts.models import Role


@pytest.fixture
def trainer(client, login, make_user, tiny_course):
    return login(make_user(Role.TRAINER))


def test_the_trainer_sees_every_course_with_its_published_version(client, trainer, tiny_course):
    page = client.get("/trainer/").get_data(as_text=True)
    assert "Tiny course" in page and "/trainer/tiny" in page


def test_the_course_page_shows_the_check_result_and_translation_status(client, trainer):
    page = client.get("/trainer/tiny").get_data(as_text=True)
    assert "Version 1" in page
    assert "No problems found." in page or "Warning:" in page
    # tiny.yml offers nl: its status is listed even though nothing is translated yet.
    assert re.search(r'<th scope="row"><span lang="nl"[^>]*>Nederlands</span> <span class="meta">\(nl\)</span></th>', page)


def test_a_broken_working_copy_shows_the_trainers_error(app, client, trainer, courses_dir):
    app.config["COURSES_PATH"] = courses_dir
    (courses_dir / "tiny" / "course.yml").write_text("summary: no title\nlanguage: en\n", encoding="utf-8")
    page = client.get("/trainer/tiny").get_data(as_text=True)
    assert "Error:" in page and "course.yml" in page and "title" in page


def test_a_page_preview_looks_like_the_lesson(client, trainer, tiny_course):
    basics = module_row(tiny_course, "basics")
    page = client.get("/trainer/tiny/preview/en/basics/1").get_data(as_text=True)
    assert basics.pages[0].html in page
    assert '<article lang="en" dir="ltr">' in page
    assert "Preview for trainers" in page
    assert "/trainer/tiny/preview/en/basics/2" in page


def test_the_quiz_preview_shows_the_right_answers_and_explanations(client, trainer, tiny_course):
    basics = module_row(tiny_course, "basics")
    page = client.get("/trainer/tiny/preview/en/basics/quiz").get_data(as_text=True)
    first = basics.quiz.questions[0]
    right = next(option for option in first.options if option.correct)
    assert f'{right.html} <strong class="done" lang="en">(right answer)</strong>' in page
    assert page.count("(right answer)") == sum(o.correct for q in basics.quiz.questions for o in q.options)
    assert first.explanation_html in page
    assert "Topics: documents, debts" in page


def test_unknown_language_module_or_page_is_not_found(client, trainer):
    for url in ("/trainer/tiny/preview/fr/basics/1", "/trainer/tiny/preview/en/nope/1", "/trainer/tiny/preview/en/basics/99",
                "/trainer/tiny/preview/en/next-steps/0", "/trainer/nope", "/trainer/tiny/preview/en/nope/quiz"):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.COORDINATOR])
def test_only_trainers_and_admins_see_the_trainer_pages(client, login, make_user, tiny_course, role):
    login(make_user(role))
    for url in ("/trainer/", "/trainer/tiny", "/trainer/tiny/preview/en/basics/1", "/trainer/tiny/preview/en/basics/quiz"):
        assert client.get(url).status_code == 403, url


def test_an_admin_sees_the_trainer_pages(client, login, make_user, tiny_course):
    login(make_user(Role.ADMIN))
    assert client.get("/trainer/tiny/preview/en/basics/quiz").status_code == 200


def test_the_scenario_preview_shows_every_step_where_each_choice_leads_and_which_endings_pass(client, trainer, scenes_course):
    course_page = client.get("/trainer/scenes").get_data(as_text=True)
    assert 'href="/trainer/scenes/preview/en/house/scenarios/house-visit"' in course_page
    page = client.get("/trainer/scenes/preview/en/house/scenarios/house-visit").get_data(as_text=True)
    assert "Preview for trainers" in page
    steps = re.findall(r'<section class="scenario-step preview-step" id="step-([\w-]+)"', page)
    assert steps == ["arrival", "talk-outside", "left-unseen", "helped", "told-boss"]
    # Each choice names the step it leads to and links to it on the same page, with its feedback and topics.
    assert re.search(r'Ask the man to step outside and talk alone\s*<span[^>]*>→ <a href="#step-talk-outside">leads to “Outside”</a>', page)
    feedback = scenes_course.modules_in("en")[0].scenarios[0].start.choices[0].feedback_html
    assert "is how people can speak freely" in feedback and f'<div class="explanation">{feedback}</div>' in page
    assert "Topics: control" in page
    assert "(#helped, Good ending, passes)" in page
    assert "(#left-unseen, Harmful ending)" in page
    assert "Passing endings: Good ending." in page


def test_the_scenario_preview_in_arabic_reads_right_to_left_and_keeps_the_source_graph(client, trainer, scenes_course):
    page = client.get("/trainer/scenes/preview/ar/house/scenarios/house-visit").get_data(as_text=True)
    assert '<section class="scenario-step preview-step" id="step-arrival" aria-labelledby="step-arrival-title" lang="ar" dir="rtl">' in page
    assert '<a href="#step-talk-outside">' in page


def test_an_unknown_scenario_is_not_found_and_participants_cannot_preview(client, login, make_user, trainer, scenes_course):
    assert client.get("/trainer/scenes/preview/en/house/scenarios/nope").status_code == 404
    assert client.get("/trainer/scenes/preview/fr/house/scenarios/house-visit").status_code == 404
    client.post("/account/logout")
    login(make_user(Role.PARTICIPANT))
    assert client.get("/trainer/scenes/preview/en/house/scenarios/house-visit").status_code == 403
