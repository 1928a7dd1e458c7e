"""Decision figures of scenarios on a small hand-checked data set, through the CSV downloads.

The scenes course (tests/data/courses/scenes) has one scenario:

  arrival:       0 "Ask the man to step outside…" → talk-outside   {topic="control"}
                 1 "Finish the inspection and leave" → left-unseen (harmful)   {topic="signals"}
  talk-outside:  0 "Give him the number of the helpline" → helped (good)
                 1 "Tell the boss what he said" → told-boss (harmful)   {topic="safety"}

Organisation North (group Team: a1, a2, a3; a4, a5, a6 without a group), organisation South: s1.
First attempts (what counts) — later attempts must change nothing:

  a1  arrival 0, talk 0 → helped          a4  arrival 0 (no ending yet)
  a2  arrival 0, talk 1 → told-boss       a5  arrival 0, talk 0 → helped
      then again: 0, 0 → helped           a6  arrival 1 → left-unseen; then again: arrival 0
  a3  arrival 1 → left-unseen             s1  arrival 0, talk 0 → helped  (South)
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import select

from quiz_answers import module_row
from signaal.accounts.models import Role, User
from signaal.courses.catalogue import published_versions
from signaal.courses.publishing import publish_course
from signaal.extensions import db
from signaal.learning.progress import record_page_view, record_quiz_attempt
from signaal.organisations.groups import create_group
from signaal.organisations.invites import join_group
from signaal.organisations.models import Membership, Organisation
from signaal.scenarios.playing import choose, try_again
from signaal.statistics.summaries import differences, rebuild

SCENES = Path(__file__).parents[1] / "data" / "courses" / "scenes"
PATHS = {
    "a1": [[0, 0]], "a2": [[0, 1], [0, 0]], "a3": [[1]], "a4": [[0]], "a5": [[0, 0]], "a6": [[1], [0]], "s1": [[0, 0]],
}
DECISION_HEADERS = ["Scenario", "Step", "Choice", "Leads to", "Topics", "People", "Share at this step"]
ENDING_HEADERS = ["Scenario", "Ending", "Kind", "Passes", "People", "Share of those who started"]
TOPIC_HEADERS = ["Topic", "Decided at such a step", "Chose harm", "Harmful share"]


def play(user, module, attempts: list[list[int]]) -> None:
    """Play the scenario through the domain functions, one attempt after another, committing each choice."""
    scenario = module.scenarios[0]
    for number, choices in enumerate(attempts, start=1):
        if number > 1:
            try_again(user, module, scenario)
            db.session.commit()
        step = scenario.start
        for index in choices:
            choose(user, module, scenario, attempt=number, step_id=step.id, choice_index=index)
            db.session.commit()
            step = scenario.step(step.choices[index].target)


@pytest.fixture
def data(app, make_user):
    version = publish_course(SCENES).version
    module = module_row(version, "house")
    north, south = Organisation(name="North"), Organisation(name="South")
    db.session.add_all([north, south])
    db.session.commit()
    team = create_group(None, north, "Team", course_ids=["scenes"])
    people = {name: make_user(username=name) for name in PATHS}
    for name in ("a1", "a2", "a3"):
        join_group(people[name], team)
    for name in ("a4", "a5", "a6"):
        db.session.add(Membership(user_id=people[name].id, organisation_id=north.id))
    db.session.add(Membership(user_id=people["s1"].id, organisation_id=south.id))
    coordinator = make_user(Role.COORDINATOR, username="north-coordinator")
    db.session.add(Membership(user_id=coordinator.id, organisation_id=north.id))
    db.session.commit()
    for name, attempts in PATHS.items():
        play(people[name], module, attempts)
    return {"north": north, "team": team, "coordinator": coordinator}


def table(client, name: str, scope: str) -> list[list[str]]:
    response = client.get(f"/statistics/{name}.csv?scope={scope}&course=scenes")
    assert response.status_code == 200, response.get_data(as_text=True)
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_decisions_endings_and_harmful_topics_for_one_organisation(client, login, data):
    login(data["coordinator"])
    north = f"org-{data['north'].id}"
    assert table(client, "decisions", north) == [
        DECISION_HEADERS,
        # arrival: a1 a2 a4 a5 ask (4 of 6), a3 a6 leave (2 of 6)
        ["A visit", "The crowded house", "Ask the man to step outside and talk alone", "Outside", "control", "4", "67%"],
        ["A visit", "The crowded house", "Finish the inspection and leave", "You left (Harmful ending)", "signals", "2", "33%"],
        # outside: a1 a5 helpline (2 of 3), a2 tells the boss; a4 has not decided
        ["A visit", "Outside", "Give him the number of the helpline", "He got help (Good ending)", "", "2", "67%"],
        ["A visit", "Outside", "Tell the boss what he said", "The boss knows (Harmful ending)", "safety", "1", "33%"],
    ]
    assert table(client, "endings", north) == [
        ENDING_HEADERS,
        ["A visit", "You left", "Harmful ending", "No", "2", "33%"],
        ["A visit", "He got help", "Good ending", "Yes", "2", "33%"],
        ["A visit", "The boss knows", "Harmful ending", "No", "1", "17%"],
        ["A visit", "No ending yet", "–", "–", "1", "17%"],
    ]
    assert table(client, "harmful_topics", north) == [
        TOPIC_HEADERS,
        ["safety", "3", "1", "33%"],  # 1 of the 3 who decided outside
        ["signals", "6", "2", "33%"],  # 2 of the 6 who decided on arrival
    ]
    page = client.get(f"/statistics/courses/scenes?scope={north}").get_data(as_text=True)
    assert "Decisions in scenarios" in page and "Topics behind harmful choices, first attempt" in page


def test_decision_figures_for_a_group(client, login, data):
    login(data["coordinator"])
    team = f"group-{data['team'].id}"
    assert [row[5:] for row in table(client, "decisions", team)[1:]] == [["2", "67%"], ["1", "33%"], ["1", "50%"], ["1", "50%"]]
    assert [row[1:] for row in table(client, "endings", team)[1:]] == [
        ["You left", "Harmful ending", "No", "1", "33%"],
        ["He got help", "Good ending", "Yes", "1", "33%"],
        ["The boss knows", "Harmful ending", "No", "1", "33%"],
        ["No ending yet", "–", "–", "0", "0%"],
    ]
    assert table(client, "harmful_topics", team)[1:] == [["safety", "2", "1", "50%"], ["signals", "3", "1", "33%"]]


def test_the_region_hides_small_cells(client, login, make_user, data):
    login(make_user(Role.ADMIN))
    # Seven people across North and South: counts below five are hidden, and shares built on them.
    assert [row[5:] for row in table(client, "decisions", "all")[1:]] == [["5", "71%"], ["<5", "<5"], ["<5", "<5"], ["<5", "<5"]]
    assert [row[4:] for row in table(client, "endings", "all")[1:]] == [["<5", "<5"]] * 4
    assert table(client, "harmful_topics", "all")[1:] == [["signals", "7", "<5", "<5"], ["safety", "<5", "<5", "<5"]]


def test_the_counters_agree_with_the_raw_rows_and_survive_a_rebuild(app, client, login, data):
    assert differences() == []
    login(data["coordinator"])
    north = f"org-{data['north'].id}"
    before = {name: table(client, name, north) for name in ("decisions", "endings", "harmful_topics")}
    rebuild()
    db.session.commit()
    assert differences() == []
    app.config["STATISTICS_FROM_RAW_ROWS"] = True
    assert {name: table(client, name, north) for name in ("decisions", "endings", "harmful_topics")} == before


def test_a_course_without_scenarios_has_no_decision_tables(client, login, make_user, tiny_course):
    login(make_user(Role.ADMIN))
    assert client.get("/statistics/decisions.csv?scope=all&course=tiny").status_code == 404
    assert "Decisions in scenarios" not in client.get("/statistics/courses/tiny?scope=all").get_data(as_text=True)


def test_a_module_is_finished_when_its_quiz_is_passed_and_its_scenario_played(client, login, make_user, data):
    # The house module has a page, a scenario and a quiz. Passing its quiz without a good end in the
    # scenario is not finishing it (learning.progress.module_is_done): the funnel must say the same,
    # whichever came first, and the counters must follow each step.
    version = published_versions()[0]
    module = module_row(version, "house")
    people = {user.username: user for user in db.session.scalars(select(User).where(User.username.in_(PATHS)))}
    newcomer = make_user(username="a7")
    db.session.add(Membership(user_id=newcomer.id, organisation_id=data["north"].id))
    db.session.commit()
    for person in (people["a1"], people["a3"], newcomer):  # a1 played to a good end, a3 to a harmful one
        record_quiz_attempt(person, module, passed=True, live=version)
        db.session.commit()
    play(newcomer, module, [[0, 0]])  # the quiz first, then the scenario
    record_page_view(people["a5"], module, 1)  # a good end first, then the page
    db.session.commit()
    assert differences() == []
    login(data["coordinator"])
    north = f"org-{data['north'].id}"
    # Reached (a progress row): a1, a3 and the newcomer by their quiz, a2 and a5 by their good ends; a4 and
    # a6 never reached an end. Finished: a1 and the newcomer; a3's quiz alone does not finish it, nor do
    # a2's and a5's good ends without the quiz.
    assert table(client, "funnel", north) == [["Module", "Reached", "Finished"], ["The crowded house", "5", "2"]]
