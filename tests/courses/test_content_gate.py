"""The fact and placeholder gate: no editor's marker and no outdated fact reaches participants."""

from __future__ import annotations

import datetime

import pytest
from sample_courses import VALID_COURSE_YML, messages, module

from signaal.courses.compiling import compile_course
from signaal.courses.content_gate import months_before, placeholder_in

TODAY = datetime.date(2026, 11, 28)
RECENT = "2026-10-01"
OLD = "2025-10-01"  # more than 12 months before TODAY

QUIZ = """\

## Test yourself {.quiz}

### Who enforces the agency collective agreement?
- [X] The SNCU
- [ ] The municipality

> See [SNCU](https://www.sncu.nl).
"""

CARD = """\
checked: {checked}
title: "Where to get help"
contacts:
  - name: "Information point"
    phone: "{phone}"
facts:
  - name: "Minimum wage"
    value: "EUR 14.71 per hour from 1 January 2026"
verify:
  - "Minimum wage from 1 July 2026: check before use on rijksoverheid.nl"
"""


def compile_at(folder, today=TODAY):
    return compile_course(folder, today=today)


@pytest.mark.parametrize(
    "text, marker",
    [
        ("Call 0800 1234 (check before use)", "check before use"),
        ("Phone: TODO", "TODO"),
        ("FIXME: the address", "FIXME"),
        ("Opening hours TBD", "TBD"),
        ("Call [PHONE NUMBER] for help", "[PHONE NUMBER]"),
        ("Call [...] for help", "[...]"),
        ("Amount: {{ minimum_wage }}", "{{ minimum_wage }}"),
        ("It costs ??? a week", "???"),
        ("Placeholder text", "Placeholder"),
    ],
)
def test_each_kind_of_placeholder_is_found(text, marker):
    assert placeholder_in(text)[0] == marker


@pytest.mark.parametrize(
    "text",
    [
        "- [x] The SNCU",
        "- [X] The SNCU",
        "See [SNCU](https://www.sncu.nl) or [the FNV][fnv].",
        "[fnv]: https://www.fnv.nl",
        "Co trzeba mieć? todo jest w porządku",  # an ordinary word in Polish
        "Call 112. Is it safe? Ask.",
    ],
)
def test_ordinary_text_is_not_a_placeholder(text):
    assert placeholder_in(text) is None


def test_a_placeholder_in_a_module_is_an_error_at_its_line(write_course):
    folder = write_course({"01-intro.md": module(f"Call the information point on TODO.\n{QUIZ}", f"title: Introduction\nreviewed: {RECENT}")})
    compilation = compile_at(folder)
    assert compilation.course is None
    assert messages(compilation, "error") == [
        "courses/example/01-intro.md:5: \"TODO\" is a work marker that participants would read — fill in the checked fact, or move the note to the help card's verify: list"
    ]


def test_a_placeholder_in_course_yml_is_an_error(write_course):
    folder = write_course({"course.yml": VALID_COURSE_YML + "audience: \"[AUDIENCE]\"\n"})
    assert messages(compile_at(folder), "error") == [
        "courses/example/course.yml:3: \"[AUDIENCE]\" is a gap to fill in that participants would read — fill in the checked fact, or move the note to the help card's verify: list"
    ]


def test_a_placeholder_on_the_help_card_is_an_error_but_the_verify_list_is_for_editors(write_course):
    folder = write_course({"help-card.yml": CARD.format(checked=RECENT, phone="check before use")})
    compilation = compile_at(folder)
    assert compilation.course is None
    assert messages(compilation, "error") == [
        "courses/example/help-card.yml:5: \"check before use\" is an editor's note that participants would read — fill in the checked fact, or move the note to the help card's verify: list"
    ]
    assert messages(compilation, "note") == [
        "courses/example/help-card.yml:10: to verify: Minimum wage from 1 July 2026: check before use on rijksoverheid.nl"
    ]


def test_a_yaml_comment_is_for_editors_and_not_a_placeholder(write_course):
    card = "# TODO: add the regional number before the pilot\n" + CARD.format(checked=RECENT, phone="013 123 45 67")
    folder = write_course({"help-card.yml": card, "course.yml": VALID_COURSE_YML + "# FIXME: audience\n"})
    assert messages(compile_at(folder), "error") == []


def test_facts_to_verify_are_never_compiled_into_the_card(write_course):
    folder = write_course({"help-card.yml": CARD.format(checked=RECENT, phone="013 123 45 67")})
    compilation = compile_at(folder)
    assert messages(compilation, "error") == [] and messages(compilation, "warning") == []
    card = compilation.course.help_card
    assert "check before use" not in repr(card)
    assert "1 July 2026" not in repr(card)


def test_a_verify_item_must_be_text(write_course):
    folder = write_course({"help-card.yml": 'title: "Help"\nverify:\n  - name: "x"\n'})
    assert messages(compile_at(folder), "error") == [
        "courses/example/help-card.yml:3: verify: item must be one line of text — write it as - \"Call 112.\""
    ]


def test_a_placeholder_in_a_used_translation_is_an_error_at_its_line(write_course):
    catalog = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Some text."\nmsgstr "Tekst. TODO"\n\n#, fuzzy\nmsgid "Introduction"\nmsgstr "FIXME"\n'
    folder = write_course({"course.yml": VALID_COURSE_YML + "languages: [nl]\n", "translations/nl.po": catalog})
    # The fuzzy one is not shown to anyone, so only the used translation counts.
    assert messages(compile_at(folder), "error") == [
        "courses/example/translations/nl.po:5: \"TODO\" is a work marker that participants would read — fill in the checked fact, or move the note to the help card's verify: list"
    ]


def test_an_outdated_reviewed_date_is_a_warning_at_its_line(write_course):
    folder = write_course({"01-intro.md": module(f"Some text.\n{QUIZ}", f"title: Introduction\nreviewed: {OLD}")})
    compilation = compile_at(folder)
    assert compilation.course is not None  # a draft still compiles; --strict refuses it
    assert messages(compilation, "warning") == [
        "courses/example/01-intro.md:3: reviewed: 2025-10-01 is more than 12 months ago — check the module's facts against the official sources, correct them, then update reviewed:"
    ]
    assert messages(compile_course(folder, today=TODAY, review_months=24), "warning") == []


def test_an_outdated_help_card_is_a_warning_and_facts_need_a_date(write_course):
    folder = write_course({"help-card.yml": CARD.format(checked=OLD, phone="013 123 45 67")})
    assert messages(compile_at(folder), "warning") == [
        "courses/example/help-card.yml:1: checked: 2025-10-01 is more than 12 months ago — check the card's contacts and facts against the official sources, correct them, then update checked:"
    ]
    undated = CARD.format(checked=RECENT, phone="013").replace(f"checked: {RECENT}\n", "")
    folder = write_course({"help-card.yml": undated}, name="undated")
    assert messages(compile_at(folder), "warning") == [
        "courses/undated/help-card.yml:5: the facts have no checked: date — check them, then add a line like checked: 2026-11-28"
    ]


def test_months_before_is_calendar_aware():
    assert months_before(datetime.date(2026, 11, 28), 12) == datetime.date(2025, 11, 28)


def test_check_strict_refuses_placeholders_and_outdated_facts_with_file_and_line(runner, write_course):
    placeholder = write_course({"help-card.yml": CARD.format(checked=str(datetime.date.today()), phone="[NUMBER]")}, name="placeholder")
    result = runner.invoke(args=["courses", "check", str(placeholder)])
    assert result.exit_code == 1
    assert "courses/placeholder/help-card.yml:5: \"[NUMBER]\" is a gap to fill in" in result.output

    old = (datetime.date.today() - datetime.timedelta(days=500)).isoformat()
    outdated = write_course({"01-intro.md": module(f"Some text.\n{QUIZ}", f"title: Introduction\nreviewed: {old}")}, name="outdated")
    assert runner.invoke(args=["courses", "check", str(outdated)]).exit_code == 0
    result = runner.invoke(args=["courses", "check", "--strict", str(outdated)])
    assert result.exit_code == 1
    assert f"courses/outdated/01-intro.md:3: reviewed: {old} is more than 12 months ago" in result.output


def test_check_follows_the_configured_review_period(app, runner, write_course):
    old = (datetime.date.today() - datetime.timedelta(days=500)).isoformat()
    folder = write_course({"01-intro.md": module(f"Some text.\n{QUIZ}", f"title: Introduction\nreviewed: {old}")})
    app.config["SIGNAAL_REVIEW_MONTHS"] = 24
    assert runner.invoke(args=["courses", "check", "--strict", str(folder)]).exit_code == 0


def test_notes_do_not_block_a_strict_check(runner, write_course):
    folder = write_course({"help-card.yml": CARD.format(checked=str(datetime.date.today()), phone="013 123 45 67")})
    result = runner.invoke(args=["courses", "check", "--strict", str(folder)])
    assert result.exit_code == 0, result.output
    assert "help-card.yml:10: to verify: Minimum wage from 1 July 2026" in result.output


def test_publishing_strictly_follows_the_configured_review_period(app, runner, write_course):
    old = (datetime.date.today() - datetime.timedelta(days=250)).isoformat()  # about 8 months
    folder = write_course({"01-intro.md": module(f"Some text.\n{QUIZ}", f"title: Introduction\nreviewed: {old}")})
    app.config["SIGNAAL_REVIEW_MONTHS"] = 6
    result = runner.invoke(args=["courses", "publish", "--strict", str(folder)])
    assert result.exit_code == 1 and f"reviewed: {old} is more than 6 months ago" in result.output
    app.config["SIGNAAL_REVIEW_MONTHS"] = 12
    result = runner.invoke(args=["courses", "publish", "--strict", str(folder)])
    assert result.exit_code == 0 and "published version 1" in result.output
