"""The scenario player without JavaScript: one page per step, a form per choice, the path recorded once."""

from __future__ import annotations

import json

from quiz_answers import form_fields, module_row, right_answers
from scenario_play import PLAY_URL, choice_forms, press
from web_forms import csrf_token_from

from signaal.extensions import db
from signaal.learning.models import Enrolment, ModuleProgress
from signaal.scenarios.models import ScenarioChoice, ScenarioRun

CHOOSE_URL = PLAY_URL + "/choose"


def runs_of(user) -> list[ScenarioRun]:
    return list(db.session.scalars(db.select(ScenarioRun).where(ScenarioRun.user_id == user.id).order_by(ScenarioRun.attempt)))


def path_of(run: ScenarioRun) -> list[tuple[int, str, int, str]]:
    return [(c.position, c.step_id, c.choice_index, c.target) for c in db.session.scalars(
        db.select(ScenarioChoice).where(ScenarioChoice.run_id == run.id).order_by(ScenarioChoice.position)
    )]


def text(response) -> str:
    return response.get_data(as_text=True)


def test_the_first_step_shows_the_story_and_a_labelled_group_of_choice_buttons(client, scenes_course, make_user, login):
    user = login(make_user())
    page = text(client.get(PLAY_URL))
    assert "<h1>The crowded house</h1>" in page
    assert "Twelve mattresses in a three-room house." in page
    assert '<h2 id="choices-title" lang="en" dir="ltr">What do you do?</h2>' in page
    assert '<div class="choices" role="group" aria-labelledby="choices-title">' in page
    assert list(choice_forms(page)) == ["Ask the man to step outside and talk alone", "Finish the inspection and leave"]
    assert runs_of(user) == []  # looking is not playing: the first choice starts the run


def test_playing_to_a_good_ending_records_the_path_shows_feedback_and_completes_the_scenario(client, scenes_course, make_user, login):
    user = login(make_user())
    press(client, "Ask the man to step outside and talk alone")
    page = text(client.get(PLAY_URL))
    assert "<h1>Outside</h1>" in page
    # The feedback of the choice just made comes first, announced as a status.
    assert '<section class="choice-feedback" role="status" aria-labelledby="feedback-title">' in page
    assert '<p class="chosen">Ask the man to step outside and talk alone</p>' in page
    assert '<p>Talking alone, without the "boss", is how people can speak freely.</p>' in page
    press(client, "Give him the number of the helpline")
    page = text(client.get(PLAY_URL))
    assert "<h1>He got help</h1>" in page
    assert "You reached a good end of this scenario." in page
    assert "He called the helpline a week later." in page
    assert "A number he can call later, when he is alone, is a way out." in page
    assert "Try again" in page and 'href="/courses/scenes/house/quiz">Continue</a>' in page
    (run,) = runs_of(user)
    assert (run.attempt, run.ending_step, run.ending, run.passed, run.current_step) == (1, "helped", "good", True, "helped")
    assert path_of(run) == [(1, "arrival", 0, "talk-outside"), (2, "talk-outside", 0, "helped")]
    progress = db.session.scalar(db.select(ModuleProgress).where(ModuleProgress.user_id == user.id))
    assert progress.scenarios_done_at is not None


def test_a_harmful_ending_does_not_pass_and_try_again_starts_a_new_attempt(client, scenes_course, make_user, login):
    user = login(make_user())
    press(client, "Finish the inspection and leave")
    page = text(client.get(PLAY_URL))
    assert "<h1>You left</h1>" in page
    assert "This ending does not pass yet: read what happened and try again." in page
    assert choice_forms(page) == {}
    assert db.session.scalar(db.select(ModuleProgress.scenarios_done_at).where(ModuleProgress.user_id == user.id)) is None
    again = client.post(PLAY_URL + "/again", data={"csrf_token": csrf_token_from(client, PLAY_URL)})
    assert again.status_code == 303
    page = text(client.get(PLAY_URL))
    assert "<h1>The crowded house</h1>" in page and "Your choice" not in page
    assert [form["attempt"] for form in choice_forms(page).values()] == ["2", "2"]
    press(client, "Ask the man to step outside and talk alone")
    first, second = runs_of(user)
    assert (first.attempt, first.ending, first.passed, second.attempt, second.ended_at) == (1, "harmful", False, 2, None)
    assert path_of(first) == [(1, "arrival", 1, "left-unseen")]
    assert path_of(second) == [(1, "arrival", 0, "talk-outside")]


def test_try_again_twice_starts_one_run(client, scenes_course, make_user, login):
    user = login(make_user())
    press(client, "Finish the inspection and leave")
    token = csrf_token_from(client, PLAY_URL)
    client.post(PLAY_URL + "/again", data={"csrf_token": token})
    client.post(PLAY_URL + "/again", data={"csrf_token": token})
    assert [run.attempt for run in runs_of(user)] == [1, 2]


def test_back_button_and_replayed_forms_cannot_rewrite_the_path(client, scenes_course, make_user, login):
    user = login(make_user())
    first_page = client.get(PLAY_URL)
    old_forms = choice_forms(text(first_page))
    press(client, "Ask the man to step outside and talk alone")
    # The browser's back button shows the first step again; its other choice is pressed.
    stale = old_forms["Finish the inspection and leave"]
    response = client.post(CHOOSE_URL, data={"csrf_token": stale["csrf"], "attempt": stale["attempt"], "step": stale["step"], "choice": stale["choice"]})
    assert response.status_code == 303 and response.location.endswith(PLAY_URL)
    page = text(client.get(PLAY_URL))
    assert "That choice was made on an earlier page, so it was not taken. You are here now." in page
    assert "<h1>Outside</h1>" in page
    (run,) = runs_of(user)
    assert path_of(run) == [(1, "arrival", 0, "talk-outside")]
    # The same form sent twice (a double click) is taken once.
    form = choice_forms(page)["Give him the number of the helpline"]
    data = {"csrf_token": form["csrf"], "attempt": form["attempt"], "step": form["step"], "choice": form["choice"]}
    assert client.post(CHOOSE_URL, data=data).status_code == 303
    assert client.post(CHOOSE_URL, data=data).status_code == 303
    assert path_of(run) == [(1, "arrival", 0, "talk-outside"), (2, "talk-outside", 0, "helped")]
    # After the ending, a form of an earlier attempt changes nothing either.
    assert client.post(CHOOSE_URL, data={**data, "attempt": "1", "step": "arrival", "choice": "1"}).status_code == 303
    assert len(runs_of(user)) == 1 and len(path_of(run)) == 2


def test_forged_forms_are_refused_without_recording_anything(client, scenes_course, make_user, login):
    user = login(make_user())
    csrf = csrf_token_from(client, PLAY_URL)
    cases = [
        ({"attempt": "1", "step": "arrival", "choice": "7"}, 400),  # no such choice
        ({"attempt": "1", "step": "arrival", "choice": "-1"}, 400),
        ({"attempt": "x", "step": "arrival", "choice": "0"}, 400),
        ({"attempt": "1", "step": "", "choice": "0"}, 400),
        ({"attempt": "1", "choice": "0"}, 400),
        ({"attempt": "1", "step": "nowhere", "choice": "0"}, 404),
        ({"attempt": "1", "step": "arrival", "choice": "99999999999999999999"}, 400),
    ]
    for fields, status in cases:
        assert client.post(CHOOSE_URL, data={"csrf_token": csrf, **fields}).status_code == status, fields
    assert client.post(CHOOSE_URL, data={"attempt": "1", "step": "arrival", "choice": "0"}).status_code == 400  # no CSRF token
    assert client.post("/courses/scenes/house/scenarios/nope/choose", data={"csrf_token": csrf, "attempt": "1", "step": "arrival", "choice": "0"}).status_code == 404
    assert client.get("/courses/scenes/house/scenarios/nope").status_code == 404
    assert client.get("/courses/scenes/nomodule/scenarios/house-visit").status_code == 404
    assert runs_of(user) == []
    assert db.session.scalar(db.select(db.func.count()).select_from(Enrolment)) == 0


def test_the_player_needs_a_signed_in_person(client, scenes_course):
    response = client.get(PLAY_URL)
    assert response.status_code == 302 and "/account/login" in response.location


def test_the_last_page_leads_to_the_scenario_and_the_scenario_to_the_quiz(client, scenes_course, make_user, login):
    login(make_user())
    page = text(client.get("/courses/scenes/house/1"))
    assert f'<a class="button" href="{PLAY_URL}">Next</a>' in page


def test_the_module_needs_its_scenario_and_quiz_and_the_last_one_completes_the_course(client, scenes_course, make_user, login):
    user = login(make_user())
    client.get("/courses/scenes/house/1")
    page = text(client.get("/courses/scenes/house/quiz"))
    token = csrf_token_from(client, "/courses/scenes/house/quiz")
    answers = form_fields(page, right_answers(module_row(scenes_course, "house")))
    assert client.post("/courses/scenes/house/quiz", data={"csrf_token": token, **answers}).status_code == 302
    enrolment = db.session.scalar(db.select(Enrolment).where(Enrolment.user_id == user.id))
    assert enrolment.completed_at is None  # the quiz is passed, the scenario not yet played
    press(client, "Finish the inspection and leave")
    db.session.refresh(enrolment)
    assert enrolment.completed_at is None  # a harmful ending does not pass
    client.post(PLAY_URL + "/again", data={"csrf_token": token})
    press(client, "Ask the man to step outside and talk alone")
    press(client, "Give him the number of the helpline")
    db.session.refresh(enrolment)
    assert enrolment.completed_at is not None and enrolment.completed_version_id == scenes_course.id
    assert "See your certificate" in text(client.get("/courses/scenes"))


def test_arabic_pages_run_right_to_left_with_translated_choices(client, scenes_course, make_user, login):
    login(make_user(language="ar"))
    page = text(client.get(PLAY_URL))
    assert '<article class="scenario-step" lang="ar" dir="rtl"' in page
    assert list(choice_forms(page)) == ["اطلب من الرجل أن يخرج لتتحدثا على انفراد", "أنهِ التفتيش وغادر"]
    press(client, "اطلب من الرجل أن يخرج لتتحدثا على انفراد")
    page = text(client.get(PLAY_URL))
    assert "<h1>في الخارج</h1>" in page


def test_side_by_side_shows_the_current_step_in_two_languages(client, scenes_course, make_user, login):
    login(make_user())
    press(client, "Ask the man to step outside and talk alone")
    page = text(client.get(PLAY_URL + "/side-by-side?with=ar"))
    assert "The man is nervous." in page and "الرجل متوتر." in page
    assert "<li>Give him the number of the helpline</li>" in page and "<li>أعطه رقم خط المساعدة</li>" in page
    assert '<div class="second" lang="ar" dir="rtl">' in page


def test_the_data_download_holds_the_paths_taken(client, scenes_course, make_user, login):
    login(make_user())
    press(client, "Finish the inspection and leave")
    data = json.loads(client.get("/account/data/signaal-data.json").get_data(as_text=True))
    (run,) = data["scenario_runs"]
    assert (run["course"], run["module"], run["scenario"], run["attempt"], run["ending"], run["passed"]) == (
        "scenes", "house", "house-visit", 1, "harmful", False,
    )
    assert [(c["step"], c["choice"], c["led_to"]) for c in run["choices"]] == [("arrival", 1, "left-unseen")]


def test_the_course_page_continues_with_the_scenario_once_the_pages_are_read(client, scenes_course, make_user, login):
    login(make_user())
    client.get("/courses/scenes/house/1")  # the module's only page: read
    page = text(client.get("/courses/scenes"))
    assert f'<a class="button" href="{PLAY_URL}">Continue</a>' in page
    press(client, "Ask the man to step outside and talk alone")
    press(client, "Give him the number of the helpline")
    page = text(client.get("/courses/scenes"))
    assert '<a class="button" href="/courses/scenes/house/quiz">Continue</a>' in page


def test_a_restarted_course_plays_its_scenarios_again(client, scenes_course, make_user, login):
    from signaal.learning.progress import restart_course

    user = login(make_user())
    press(client, "Ask the man to step outside and talk alone")
    press(client, "Give him the number of the helpline")
    enrolment = db.session.scalar(db.select(Enrolment).where(Enrolment.user_id == user.id))
    enrolment.completed_at = enrolment.completed_at or db.func.now()  # as if the quiz had been passed too
    db.session.commit()
    restart_course(user, "scenes")
    db.session.commit()
    page = text(client.get(PLAY_URL))
    assert "<h1>The crowded house</h1>" in page and "You reached a good end" not in page
    assert [form["attempt"] for form in choice_forms(page).values()] == ["2", "2"]
    press(client, "Ask the man to step outside and talk alone")
    press(client, "Give him the number of the helpline")
    first, second = runs_of(user)
    assert (first.cycle, second.cycle, second.attempt, second.passed) == (1, 2, 2, True)
    assert db.session.scalar(db.select(ModuleProgress.scenarios_done_at).where(ModuleProgress.user_id == user.id)) is not None
