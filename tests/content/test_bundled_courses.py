"""The two bundled courses: complete, checked strictly, with quizzes that teach and a help card."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quiz_answers import form_fields, module_row, right_answers
from signaal.courses.compiling import compile_course
from signaal.courses.publishing import publish_course
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
    assert [str(problem) for problem in bundled.problems] == []


def test_the_check_command_passes_strictly(runner):
    result = runner.invoke(args=["courses", "check", "--strict", str(BUNDLED)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("ok")


def test_every_module_has_a_quiz_whose_questions_explain_their_answer(bundled):
    for module in bundled.course.modules:
        assert module.quiz is not None, module.id
        assert 4 <= len(module.quiz.questions) <= 8, module.id
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
        result = take_quiz(client, course_id, module.module_id, right_answers(module_row(version, module.module_id)))
        assert result.status_code == 302
        page = client.get(result.location).get_data(as_text=True)
        assert "You passed this module" in page
        assert version.help_card_in(version.language).title in page
    enrolment = db.session.scalar(db.select(Enrolment).filter_by(course_id=course_id))
    assert enrolment.completed_at is not None
