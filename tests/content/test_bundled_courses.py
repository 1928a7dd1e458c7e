"""The two bundled courses: complete, checked strictly, with quizzes that teach and a help card."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quiz_answers import form_fields, module_row, right_answers
from scenario_paths import good_path
from scenarios.scenario_play import press
from signaal.courses.compiling import compile_course
from signaal.courses.publishing import publish_course
from signaal.courses.translation_status import translation_status
from signaal.extensions import db
from signaal.learning.models import Enrolment
from web_forms import submit_form

BUNDLED = Path(__file__).resolve().parents[2] / "courses"
COURSE_IDS = ["recognising-labour-exploitation", "your-rights-at-work"]


@pytest.fixture(scope="module", params=COURSE_IDS)
def bundled(request):
    compilation = compile_course(BUNDLED / request.param)
    assert compilation.course is not None, [str(p) for p in compilation.problems]
    return compilation


def test_the_bundled_courses_are_the_ones_tested():
    assert sorted(folder.parent.name for folder in BUNDLED.glob("*/course.yml")) == COURSE_IDS


def test_each_bundled_course_passes_the_strict_check(bundled):
    # Notes are the help card's facts still to verify: for editors, never blocking.
    assert [str(problem) for problem in bundled.problems if problem.severity != "note"] == []


def test_each_bundled_course_is_complete_in_every_listed_language(bundled):
    statuses = translation_status(BUNDLED / bundled.course.id)
    assert sorted(status.language for status in statuses) == sorted(bundled.course.languages[1:])
    for status in statuses:
        assert (status.percent, status.fuzzy, status.missing, status.broken) == (100, 0, 0, 0), status
    assert sorted(bundled.course.translations) == sorted(bundled.course.languages[1:])


def test_the_audience_line_is_translated_in_every_language(bundled):
    for language, translated in bundled.course.translations.items():
        assert translated.audience and translated.audience != bundled.course.audience, language
        assert "audience" not in translated.text_langs


def test_the_check_command_passes_strictly(runner):
    result = runner.invoke(args=["courses", "check", "--strict", str(BUNDLED)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("ok")


def test_every_module_has_a_quiz_whose_questions_explain_their_answer(bundled):
    for module in bundled.course.modules:
        assert module.quiz is not None, module.id
        # A pool: each attempt draws some, so a retry asks other questions and guessing does not pay.
        assert module.quiz.draw is not None and module.quiz.draw >= 4, module.id
        assert len(module.quiz.questions) * 2 >= module.quiz.draw * 3, f"{module.id}: fewer than 1.5x the questions it asks"
        for question in module.quiz.questions:
            assert question.explanation_html.strip(), f"{module.id}/{question.id}"
            assert any(option.correct for option in question.options)
            assert not all(option.correct for option in question.options), f"{module.id}/{question.id}: nothing to choose"


def test_every_question_id_is_explicit_and_unique_in_the_course(bundled):
    ids = [question.id for module in bundled.course.modules for question in module.quiz.questions]
    assert len(ids) == len(set(ids))
    # Explicit ids keep answers attached when questions are reordered later.
    assert not any(re.fullmatch(r"q\d+", question_id) for question_id in ids)


def test_every_module_records_when_its_facts_were_reviewed(bundled):
    assert all(module.reviewed is not None for module in bundled.course.modules)


def test_every_module_lists_its_sources(bundled):
    sources = (BUNDLED / bundled.course.id / "sources.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\d\d) ", sources, re.MULTILINE)
    assert headings == [f"{n:02d}" for n in range(1, len(bundled.course.modules) + 1)]
    for section in re.split(r"^## ", sources, flags=re.MULTILINE)[1:]:
        assert "](https://" in section, section.splitlines()[0]


# Government, parliament, public bodies, the ILO, and the organisations' own pages about themselves.
OFFICIAL_SOURCES = re.compile(
    r"https://(?:[\w-]+\.)*(?:overheid\.nl|officielebekendmakingen\.nl|rijksoverheid\.nl|tweedekamer\.nl|eerstekamer\.nl|business\.gov\.nl"
    r"|nlarbeidsinspectie\.nl|nllabourauthority\.nl|uwv\.nl|ind\.nl|politie\.nl|ilo\.org|wegwijzermensenhandel\.nl"
    r"|nationaalrapporteur\.nl|volkshuisvestingnederland\.nl|riec\.nl|comensha\.nl|fairwork\.nu|vng\.nl|sncu\.nl"
    r"|juridischloket\.nl|huisvoorklokkenluiders\.nl|ovcttac\.gov)(?:/|$)"
)
DATED = re.compile(r"\b(?:19|20)\d\d\b")


def test_sources_are_official_and_dated(bundled):
    sources = (BUNDLED / bundled.course.id / "sources.md").read_text(encoding="utf-8")
    for address in re.findall(r"\]\((https://[^)]+)\)", sources):
        assert OFFICIAL_SOURCES.match(address), f"not an official or academic source: {address}"
    for entry in re.findall(r"^- .*$", sources, re.MULTILINE):
        if "](https://" in entry:
            assert DATED.search(entry), f"no publication or consultation date: {entry[:80]}"


def test_the_help_card_holds_the_contacts_and_a_check_date(bundled):
    card = bundled.course.help_card
    assert card is not None and card.checked is not None
    assert card.steps and card.facts
    assert any(contact.phone == "112" for contact in card.contacts)
    assert all(contact.phone or contact.url for contact in card.contacts)


def test_only_the_course_for_people_at_risk_has_a_quick_exit():
    quick = {course_id: compile_course(BUNDLED / course_id).course.quick_exit for course_id in COURSE_IDS}
    assert quick == {"recognising-labour-exploitation": False, "your-rights-at-work": True}


def take_quiz(client, course_id: str, module_id: str, answers: dict):
    url = f"/courses/{course_id}/{module_id}/quiz"
    page = client.get(url).get_data(as_text=True)
    return submit_form(client, url, form_fields(page, answers))


@pytest.mark.parametrize("course_id", COURSE_IDS)
def test_a_participant_completes_the_bundled_course(client, login, make_user, course_id):
    outcome = publish_course(BUNDLED / course_id, strict=True)
    assert outcome.created, [str(p) for p in outcome.problems]
    version = outcome.version
    login(make_user())
    for module in version.modules_in(version.language):
        for number in range(1, module.page_count + 1):
            assert client.get(f"/courses/{course_id}/{module.module_id}/{number}").status_code == 200
        for scenario in module.scenarios:
            url = f"/courses/{course_id}/{module.module_id}/scenarios/{scenario.id}"
            for choice in good_path(scenario):
                press(client, choice.label_html, url)
            assert "You reached a good end of this scenario." in client.get(url).get_data(as_text=True)
        result = take_quiz(client, course_id, module.module_id, right_answers(module_row(version, module.module_id)))
        assert result.status_code == 302
        page = client.get(result.location).get_data(as_text=True)
        assert "You passed this module" in page
        assert version.help_card_in(version.language).title in page
    enrolment = db.session.scalar(db.select(Enrolment).filter_by(course_id=course_id))
    assert enrolment.completed_at is not None


def scenarios_of(course):
    return [scenario for module in course.modules for scenario in module.scenarios]


PHONE_NUMBER = re.compile(r"\b(?:0[89]00 \d{4}|112)\b")


def test_each_bundled_course_practises_a_decision_in_a_scenario(bundled):
    scenarios = scenarios_of(bundled.course)
    assert scenarios, "no scenario in the course"
    for scenario in scenarios:
        decisions = [step for step in scenario.steps if step.ending is None]
        assert 3 <= len(decisions) <= 5, f"{scenario.id}: {len(decisions)} decision points"
        # A good ending to reach, and realistic acceptable and harmful ones that teach.
        assert {step.ending for step in scenario.steps if step.ending} == {"good", "acceptable", "harmful"}
        for step in decisions:
            assert all(choice.feedback_html.strip() for choice in step.choices), f"{scenario.id}/{step.id}: a choice without feedback"
            assert all(choice.topics for choice in step.choices), f"{scenario.id}/{step.id}: a choice without a topic"


def test_every_number_a_debrief_gives_is_on_the_help_card(bundled):
    # The help card is where an organisation checks its numbers: a debrief may not drift from it.
    card_numbers = {PHONE_NUMBER.match(contact.phone).group() for contact in bundled.course.help_card.contacts if contact.phone and PHONE_NUMBER.match(contact.phone)}
    for scenario in scenarios_of(bundled.course):
        for step in scenario.steps:
            if step.ending == "harmful":
                assert PHONE_NUMBER.search(step.html), f"{scenario.id}/{step.id}: a harmful ending says whom to call"
            assert set(PHONE_NUMBER.findall(step.html)) <= card_numbers, f"{scenario.id}/{step.id}"


def test_each_scenario_is_translated_in_every_offered_language(bundled):
    source_marker = f'lang="{bundled.course.language}"'  # how a text shown untranslated is marked
    for language, translated in bundled.course.translations.items():
        pairs = list(zip(scenarios_of(bundled.course), scenarios_of(translated), strict=True))
        assert pairs, language
        for source, scenario in pairs:
            assert scenario.title_lang is None and scenario.title != source.title, (language, scenario.id)
            for original, step in zip(source.steps, scenario.steps, strict=True):
                where = (language, scenario.id, step.id)
                assert step.title_lang is None and step.title != original.title, where
                texts = [step.html, *(choice.label_html for choice in step.choices), *(choice.feedback_html for choice in step.choices)]
                assert not any(source_marker in text for text in texts), where
                assert step.html != original.html, where
                assert [choice.label_html for choice in step.choices] != [choice.label_html for choice in original.choices] or not step.choices, where
