"""Reading a course in another language: switching mid-course, side by side, read aloud."""

from __future__ import annotations

import re

import pytest
from po_files import translate_po
from web_forms import submit_form

from quiz_answers import form_fields, module_row, right_answers

from signaal.courses.publishing import publish_course
from signaal.learning.progress import progress_by_module

PAGE = "/courses/tiny/basics/2"


@pytest.fixture
def dutch_tiny(app, runner, courses_dir):
    """The tiny course with part of its Dutch translation, published."""
    folder = courses_dir / "tiny"
    assert runner.invoke(args=["courses", "extract", str(folder)]).exit_code == 0
    translate_po(folder / "translations" / "nl.po", {
        "Keeping documents": "Documenten bewaren",
        "An employer may not keep a worker's passport.": "Een werkgever mag het paspoort van een werknemer niet houden.",
    })
    outcome = publish_course(folder)
    assert not outcome.failed, [str(p) for p in outcome.problems]
    return outcome.version


def choose_language(client, code: str, next_url: str):
    response = submit_form(client, "/language", {"language": code, "next": next_url}, form_page=next_url)
    assert response.status_code == 303


def test_switching_language_mid_course_keeps_progress(client, login, make_user, dutch_tiny):
    participant = login(make_user())
    assert client.get("/courses/tiny/basics/1").status_code == 200
    assert client.get(PAGE).status_code == 200
    choose_language(client, "nl", PAGE)

    page = client.get(PAGE).get_data(as_text=True)
    assert "<h1>Documenten bewaren</h1>" in page and "Een werkgever mag het paspoort" in page
    assert client.get("/courses/tiny/basics/1").status_code == 200  # reading back does not reset anything
    assert progress_by_module(participant, "tiny")["basics"].furthest_page == 2
    # The quiz, answered in Dutch, is graded with the same answer key and completes the module.
    quiz = client.get("/courses/tiny/basics/quiz").get_data(as_text=True)
    assert '<span lang="en">A possible sign of labour exploitation</span>' in quiz
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', quiz).group(1)
    fields = form_fields(quiz, right_answers(module_row(dutch_tiny, "basics")))
    response = client.post("/courses/tiny/basics/quiz", data={"csrf_token": csrf, **fields})
    assert response.status_code in (200, 302, 303)
    assert progress_by_module(participant, "tiny")["basics"].passed_at is not None
    overview = client.get("/courses/tiny").get_data(as_text=True)
    assert '<html lang="nl"' in overview and '<strong class="tag tag-ok">' in overview


def test_untranslated_text_is_marked_with_the_source_language(client, login, make_user, dutch_tiny):
    login(make_user())
    choose_language(client, "nl", PAGE)
    page = client.get(PAGE).get_data(as_text=True)
    assert '<article lang="nl"' in page
    assert '<span lang="en">Call the <a href="tel:+31800000000"' in page
    first = client.get("/courses/tiny/basics/1").get_data(as_text=True)
    assert '<h1 lang="en">The basics</h1>' in first


def test_side_by_side_pairs_each_block_with_the_second_language(client, login, make_user, dutch_tiny):
    login(make_user())
    choose_language(client, "nl", PAGE)
    page = client.get(f"{PAGE}/side-by-side").get_data(as_text=True)
    assert '<label for="second-language">' in page and 'name="with"' in page
    assert '<option value="en" lang="en" selected>English</option>' in page
    row = re.search(r'<div class="pair">\s*<div lang="nl" dir="ltr"><p>(.*?)</p></div>\s*<div class="second" lang="en" dir="ltr"><p>(.*?)</p></div>', page, re.S)
    assert row.groups() == ("Een werkgever mag het paspoort van een werknemer niet houden.", "An employer may not keep a worker's passport.")


def test_side_by_side_ignores_an_unknown_second_language(client, login, make_user, dutch_tiny):
    login(make_user())
    page = client.get(f"{PAGE}/side-by-side?with=<script>xx").get_data(as_text=True)
    assert "<script>xx" not in page and "&lt;script&gt;xx" not in page
    assert '<option value="nl" lang="nl" selected>' in page


def test_side_by_side_of_a_missing_page_is_not_found(client, login, make_user, dutch_tiny):
    login(make_user())
    assert client.get("/courses/tiny/basics/9/side-by-side").status_code == 404
    assert client.get("/courses/tiny/nothing/1/side-by-side").status_code == 404


def test_lesson_pages_load_read_aloud_from_a_static_file_only(client, login, make_user, dutch_tiny):
    login(make_user())
    page = client.get(PAGE).get_data(as_text=True)
    assert '<script src="/static/read-aloud.js" defer></script>' in page
    assert 'data-read-aloud data-read-label="Read aloud"' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)  # no inline script
    with client.get("/static/read-aloud.js") as script:
        assert script.status_code == 200 and b"speechSynthesis" in script.data
