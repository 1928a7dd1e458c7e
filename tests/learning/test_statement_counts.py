"""Statements per request are a contract: a lesson page and a quiz submission stay within budget.

Counts are deterministic (speed itself is measured in bench/). The budgets hold
on SQLite and PostgreSQL alike; a request that needs more is a design change,
not a tweak to the number here.
"""

from __future__ import annotations

import re

from quiz_answers import form_fields, module_row, right_answers, wrong_answers

LESSON_PAGE_REREAD = 3  # the signed-in user, the live version, the module's progress
# as above, then the enrolment locked, the progress read, both, the person's last activity and the statistics counters
# written (the person's last activity moves with the enrolment's: at most once a minute, learning/last_activity.py)
LESSON_PAGE_FIRST_VIEW = 8
QUIZ_SUBMISSION = 8  # user, live version, enrolment (locked), progress, attempt, results, progress, statistics counters
QUIZ_SUBMISSION_COMPLETING = 13  # as above, plus completion, refresher check, renewal check, name, certificate


def quiz_post(client, module_id: str, answers: dict):
    url = f"/courses/tiny/{module_id}/quiz"
    page = client.get(url).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return url, {"csrf_token": csrf, **form_fields(page, answers)}


def test_a_lesson_page_takes_at_most_three_statements(client, tiny_course, make_user, login, count_statements):
    login(make_user())
    client.get("/courses/tiny/basics/1")  # the first view records progress (and loads the version)
    with count_statements() as first_view:
        assert client.get("/courses/tiny/basics/2").status_code == 200
    with count_statements() as reread:
        assert client.get("/courses/tiny/basics/1").status_code == 200
    assert len(reread) <= LESSON_PAGE_REREAD, str(reread)
    assert len(first_view) <= LESSON_PAGE_FIRST_VIEW, str(first_view)


def test_a_quiz_submission_takes_at_most_eight_statements(client, tiny_course, make_user, login, count_statements):
    login(make_user())
    basics, steps = module_row(tiny_course, "basics"), module_row(tiny_course, "next-steps")
    client.get("/courses/tiny/basics/1")
    url, data = quiz_post(client, "basics", wrong_answers(basics))
    with count_statements() as failing:
        assert client.post(url, data=data).status_code == 302
    url, data = quiz_post(client, "basics", right_answers(basics))
    with count_statements() as passing:
        assert client.post(url, data=data).status_code == 302
    client.get("/courses/tiny/next-steps/1")
    url, data = quiz_post(client, "next-steps", right_answers(steps))
    with count_statements() as completing:
        response = client.post(url, data=data)
    assert response.status_code == 302
    assert len(failing) <= QUIZ_SUBMISSION, str(failing)
    assert len(passing) <= QUIZ_SUBMISSION, str(passing)
    assert len(completing) <= QUIZ_SUBMISSION_COMPLETING, str(completing)
    assert "You passed this module" in client.get(response.location).get_data(as_text=True)


# user, live version, enrolment (locked; inserted on a first visit: savepoint, insert, release), latest run,
# the person's last activity (as the enrolment's: at most once a minute), run inserted (or: last position read,
# run updated), choice inserted, statistics counters
SCENARIO_CHOICE = 11
# as a choice, plus the module's progress read, inserted (savepoint, insert, release) and marked scenarios done
SCENARIO_ENDING = 13


def test_a_scenario_choice_stays_within_budget(client, app, make_user, login, count_statements):
    from pathlib import Path

    from signaal.courses.publishing import publish_course

    publish_course(Path(__file__).parents[1] / "data" / "courses" / "scenes")
    login(make_user())
    url = "/courses/scenes/house/scenarios/house-visit"
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)

    def choose(attempt: int, step: str, choice: int):
        with count_statements() as log:
            response = client.post(url + "/choose", data={"csrf_token": csrf, "attempt": attempt, "step": step, "choice": choice})
        assert response.status_code == 303
        return log

    first = choose(1, "arrival", 0)  # starts the run
    ending = choose(1, "talk-outside", 0)  # a good ending: the scenario is done (the quiz is not: no completion)
    assert len(first) <= SCENARIO_CHOICE, str(first)
    assert len(ending) <= SCENARIO_ENDING, str(ending)
