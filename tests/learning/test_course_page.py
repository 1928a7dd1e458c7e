"""The course page is a task list: a status tag per module and one button to where the participant left off."""

from __future__ import annotations

import re

from quiz_answers import module_row, right_answers, take_quiz


def main_button(html: str) -> tuple[str, str]:
    """(address, words) of the page's one main button."""
    match = re.search(r'<p class="actions"><a class="button" href="([^"]+)">([^<]+)</a></p>', html)
    assert match, "no Start/Continue button"
    return match.group(1), match.group(2)


def tags(html: str) -> list[str]:
    return re.findall(r'<strong class="tag tag-\w+">([^<]+)</strong>', html)


def test_start_then_continue_where_the_participant_left_off(client, login, make_user, tiny_course):
    login(make_user())
    course = client.get("/courses/tiny").get_data(as_text=True)
    assert main_button(course) == ("/courses/tiny/basics/1", "Start")
    assert tags(course) == ["Not started", "Not started"]

    client.get("/courses/tiny/basics/1")
    course = client.get("/courses/tiny").get_data(as_text=True)
    assert main_button(course) == ("/courses/tiny/basics/1", "Continue")
    assert tags(course)[0] == "Read 1 of 2 pages"

    client.get("/courses/tiny/basics/2")
    assert main_button(client.get("/courses/tiny").get_data(as_text=True)) == ("/courses/tiny/basics/quiz", "Continue")

    take_quiz(client, "tiny", "basics", right_answers(module_row(tiny_course, "basics")))
    course = client.get("/courses/tiny").get_data(as_text=True)
    assert main_button(course) == ("/courses/tiny/next-steps/1", "Continue")
    assert tags(course) == ["Done", "Not started"]


def test_visitors_are_asked_to_register_and_have_no_button(client, tiny_course):
    course = client.get("/courses/tiny").get_data(as_text=True)
    assert 'class="actions"' not in course and "/account/register" in course
