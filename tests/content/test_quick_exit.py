"""Courses with quick_exit: true show a "leave quickly" link on every page; other courses do not."""

from __future__ import annotations

import re

import pytest

from content_courses import publish
from quiz_answers import form_fields, module_row, right_answers
from web_forms import submit_form

NEUTRAL = "https://www.example.org/weather"


def quick_exit_links(html: str) -> list[str]:
    return re.findall(r"<a [^>]*data-quick-exit[^>]*>", html)


@pytest.fixture
def quick_exit_course(app, sample_folder):
    """The tiny course with quick_exit: true and a help card, published; the neutral site configured."""
    app.config["SIGNAAL_QUICK_EXIT_URL"] = NEUTRAL
    course_yml = sample_folder / "course.yml"
    course_yml.write_text(course_yml.read_text(encoding="utf-8") + "quick_exit: true\n", encoding="utf-8")
    (sample_folder / "help-card.yml").write_text('title: "Where to get help"\nsteps: ["Call 112."]\n', encoding="utf-8")
    return publish(sample_folder)


def course_pages(client, version) -> dict[str, str]:
    """Every kind of page of the tiny course, by URL, as HTML."""
    urls = ["/courses/tiny", "/courses/tiny/basics/1", "/courses/tiny/basics/2", "/courses/tiny/basics/quiz", "/courses/tiny/help-card"]
    pages = {url: client.get(url).get_data(as_text=True) for url in urls}
    quiz = pages["/courses/tiny/basics/quiz"]
    answers = right_answers(module_row(version, "basics"))
    submitted = submit_form(client, "/courses/tiny/basics/quiz", form_fields(quiz, answers))
    pages[submitted.location] = client.get(submitted.location).get_data(as_text=True)
    pages["/courses/tiny/basics/99 (not found)"] = client.get("/courses/tiny/basics/99").get_data(as_text=True)
    return pages


def test_every_page_of_a_quick_exit_course_has_the_link(client, login, make_user, quick_exit_course):
    login(make_user())
    for url, html in course_pages(client, quick_exit_course).items():
        links = quick_exit_links(html)
        assert len(links) == 1, url
        assert f'href="{NEUTRAL}"' in links[0] and 'rel="noreferrer"' in links[0], url
        assert "Leave quickly" in html, url
        assert '<meta name="referrer" content="no-referrer">' in html, url
        assert re.search(r'<script src="[^"]*/static/quick-exit\.js" defer></script>', html), url


def test_the_link_comes_first_after_the_skip_link(client, quick_exit_course):
    html = client.get("/courses/tiny").get_data(as_text=True)
    body = html[html.index("<body>"):]
    assert body.index("data-quick-exit") < body.index('<header class="site">')


def test_pages_of_other_courses_and_the_catalogue_have_no_quick_exit(client, login, make_user, tiny_course):
    login(make_user())
    for url, html in {"/": client.get("/").get_data(as_text=True), **course_pages(client, tiny_course)}.items():
        assert quick_exit_links(html) == [], url
        assert "quick-exit.js" not in html, url


def test_the_quick_exit_script_is_a_static_file_and_pages_have_no_inline_script(client, quick_exit_course):
    with client.get("/static/quick-exit.js") as script:
        assert script.status_code == 200
        assert "location.replace" in script.get_data(as_text=True)
    html = client.get("/courses/tiny").get_data(as_text=True)
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert "style=" not in html and "onclick" not in html
