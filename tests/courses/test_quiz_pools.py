"""Compile side of question pools and the reading rule: `{.quiz draw=N}` and `quiz_requires_reading`."""

from __future__ import annotations

import pytest
from po_files import translate_po
from sample_courses import VALID_COURSE_YML, messages, module

from signaal.courses.compiling import compile_course


def pool(size: int) -> str:
    return "".join(
        f"### Question {n}? {{#q-{n}}}\n- [x] Right\n- [ ] Wrong\n\n> Because.\n\n" for n in range(1, size + 1)
    )


def quiz_module(heading: str, size: int = 6) -> str:
    return module(f"Text.\n\n## Test yourself {heading}\n\n{pool(size)}")


def test_a_quiz_may_ask_fewer_questions_than_its_pool(write_course):
    folder = write_course({"01-intro.md": quiz_module("{.quiz draw=4}")})
    quiz = compile_course(folder).course.modules[0].quiz
    assert (quiz.draw, len(quiz.questions), quiz.asked) == (4, 6, 4)


def test_without_draw_every_question_is_asked(write_course):
    quiz = compile_course(write_course({"01-intro.md": quiz_module("{.quiz}")})).course.modules[0].quiz
    assert (quiz.draw, quiz.asked) == (None, 6)


def test_draw_may_be_the_whole_pool(write_course):
    quiz = compile_course(write_course({"01-intro.md": quiz_module("{.quiz draw=6}")})).course.modules[0].quiz
    assert quiz.draw == 6


@pytest.mark.parametrize("value", ["0", "7", "four", "-1", "2.5"])
def test_draw_outside_one_to_the_pool_size_is_an_error_at_the_quiz_heading(write_course, value):
    folder = write_course({"01-intro.md": quiz_module(f"{{.quiz draw={value}}}")})
    compilation = compile_course(folder)
    assert compilation.course is None
    assert messages(compilation, "error") == [
        f"courses/example/01-intro.md:6: draw={value} must be a whole number from 1 to the 6 questions of the quiz — ask fewer, or add questions"
    ]


def test_an_unknown_quiz_attribute_gets_a_suggestion(write_course):
    compilation = compile_course(write_course({"01-intro.md": quiz_module("{.quiz drwa=4}")}))
    assert messages(compilation, "error") == ['courses/example/01-intro.md:6: unknown quiz attribute "drwa" — did you mean "draw"?']


def test_draw_is_kept_in_every_language(runner, write_course):
    folder = write_course({"course.yml": VALID_COURSE_YML + "languages: [nl]\n", "01-intro.md": quiz_module("{.quiz draw=3}", 5)})
    assert runner.invoke(args=["courses", "extract", str(folder)]).exit_code == 0
    translate_po(folder / "translations" / "nl.po", {"Test yourself": "Test jezelf"})
    nl = compile_course(folder).course.translations["nl"]
    assert (nl.modules[0].quiz.title, nl.modules[0].quiz.draw) == ("Test jezelf", 3)


def test_the_reading_rule_is_on_unless_the_course_turns_it_off(write_course):
    assert compile_course(write_course()).course.quiz_requires_reading is True
    off = write_course({"course.yml": VALID_COURSE_YML + "quiz_requires_reading: false\n"}, name="off")
    assert compile_course(off).course.quiz_requires_reading is False


def test_the_reading_rule_must_be_true_or_false(write_course):
    folder = write_course({"course.yml": VALID_COURSE_YML + "quiz_requires_reading: \"yes\"\n"})
    compilation = compile_course(folder)
    assert compilation.course is None
    assert messages(compilation, "error") == [
        "courses/example/course.yml:3: quiz_requires_reading must be true or false, not 'yes' — write true or false, without quotes"
    ]
