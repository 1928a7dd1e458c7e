"""The help card: checked like course.yml, stored with each version, shown after every module and printable."""

from __future__ import annotations

from pathlib import Path

import pytest

from content_courses import CHECKED, HELP_CARD, publish
from quiz_answers import form_fields, module_row, right_answers
from signaal.courses.compiled import Contact, Fact
from signaal.courses.compiling import compile_course
from signaal.courses.help_card import help_card_segments, parse_help_card, translate_help_card
from web_forms import submit_form


def problems_for(card_text: str) -> list[str]:
    problems = []
    card = parse_help_card(card_text, Path("courses/tiny/help-card.yml"), problems)
    assert card is None
    return [str(p) for p in problems]


def test_a_valid_help_card_is_compiled_into_the_course(sample_folder):
    (sample_folder / "help-card.yml").write_text(HELP_CARD, encoding="utf-8")
    compilation = compile_course(sample_folder)
    assert compilation.problems == []
    card = compilation.course.help_card
    assert card.title == "Where to get help"
    assert card.steps == ("Danger right now? Call 112.", "Write down your working hours.")
    assert card.contacts[0] == Contact("Emergency", "Danger right now", "112", "https://www.politie.nl")
    assert card.contacts[1] == Contact("Labour Authority", None, "0800 5151 (free)", None)
    assert card.facts == (Fact("Minimum wage", "EUR 14.71 per hour", "https://www.rijksoverheid.nl/onderwerpen/minimumloon"),)
    assert card.checked.isoformat() == CHECKED


def test_a_course_without_help_card_has_none(sample_folder):
    assert compile_course(sample_folder).course.help_card is None


@pytest.mark.parametrize(
    "card_text, expected",
    [
        (
            'title: "Help"\ncontacts:\n  - name: "FairWork"\n    phnoe: "0800 1234"\n',
            'courses/tiny/help-card.yml:4: unknown key "phnoe" — did you mean "phone"?',
        ),
        (
            'title: "Help"\ncontcts: []\n',
            'courses/tiny/help-card.yml:2: unknown key "contcts" — did you mean "contacts"?',
        ),
        (
            'title: "Help"\ncontacts:\n  - name: "FairWork"\n    url: "http://www.fairwork.nu"\n',
            'courses/tiny/help-card.yml:4: url must be a web address starting with https://, not "http://www.fairwork.nu" — e.g. https://www.fairwork.nu',
        ),
        (
            'title: "Help"\ncontacts:\n  - name: "Police"\n    phone: 0123\n',
            # YAML reads an unquoted 0123 as the octal number 83.
            "courses/tiny/help-card.yml:4: phone must be text in quotes, not 83 — write e.g. phone: \"0800 7000\"",
        ),
        (
            'title: "Help"\ncontacts:\n  - name: "Police"\n  - what: "Report a crime"\n',
            'courses/tiny/help-card.yml:4: missing required key "name" — add a line like name: "FairWork"',
        ),
        (
            'title: "Help"\nfacts:\n  - name: "Minimum wage"\n',
            'courses/tiny/help-card.yml:3: missing required key "value" — add a line like value: "EUR 14.71 per hour"',
        ),
        (
            'title: "Help"\nsteps:\n  - "Call 112."\n  - [a, b]\n',
            'courses/tiny/help-card.yml:4: step must be one line of text — write it as - "Call 112."',
        ),
        (
            'title: "Help"\ncontacts:\n  - "FairWork"\n',
            'courses/tiny/help-card.yml:3: expected "key: value" lines here — start the item with "- name: ..." and put name, what, phone, url under it',
        ),
        (
            'title: "Help"\nsteps: "Call 112."\n',
            'courses/tiny/help-card.yml:2: steps must be a list — put each item on its own line starting with "- "',
        ),
        (
            'steps: []\n',
            'courses/tiny/help-card.yml: missing required key "title" — add a line like title: "Where to get help"',
        ),
        (
            'title: "Help"\ncontacts:\n  - name: "A"\n    name: "B"\n',
            "courses/tiny/help-card.yml:4: key \"name\" appears twice (first on line 3) — keep one",
        ),
    ],
)
def test_help_card_mistakes_are_reported_with_file_and_line(card_text, expected):
    assert expected in problems_for(card_text)


def test_invalid_yaml_in_the_help_card_stops_the_course(sample_folder):
    (sample_folder / "help-card.yml").write_text('title: "Help"\nsteps:\n  - "Call: 112\n', encoding="utf-8")
    compilation = compile_course(sample_folder)
    assert compilation.course is None
    assert any(str(p).startswith("courses/tiny/help-card.yml:") and "invalid YAML" in str(p) for p in compilation.problems)


def test_help_card_strings_for_translation_carry_their_lines():
    segments = help_card_segments(HELP_CARD)
    found = {(segment.text, segment.line) for segment in segments}
    assert ("Where to get help", 2) in found
    assert ("Danger right now? Call 112.", 4) in found
    assert ("Labour Authority", 11) in found
    assert ("0800 5151 (free)", 12) in found
    assert ("EUR 14.71 per hour", 17) in found
    texts = [segment.text for segment in segments]
    # Addresses and dates are not language: they stay as they are.
    assert not any(text.startswith("https://") or text == CHECKED for text in texts)


def test_translating_a_help_card_covers_exactly_its_segments():
    problems = []
    card = parse_help_card(HELP_CARD, Path("help-card.yml"), problems)
    translated = translate_help_card(card, lambda text: f"<{text}>")
    assert translated.title == "<Where to get help>"
    assert translated.contacts[1].phone == "<0800 5151 (free)>"
    assert translated.contacts[1].what is None
    assert translated.contacts[0].url == "https://www.politie.nl"
    asked = []
    translate_help_card(card, lambda text: asked.append(text) or text)
    assert sorted(asked) == sorted(segment.text for segment in help_card_segments(HELP_CARD))


def test_the_help_card_is_stored_with_the_version(carded_course):
    card = carded_course.help_card_in("en")
    assert card.title == "Where to get help"
    assert card.checked.isoformat() == CHECKED
    assert card.contacts[0].phone == "112"
    # A language without its own card falls back to the source language's.
    assert carded_course.help_card_in("nl") == card


def test_the_last_page_of_each_module_shows_the_help_card(client, login, make_user, carded_course):
    login(make_user())
    first = client.get("/courses/tiny/basics/1").get_data(as_text=True)
    assert "Where to get help" not in first
    last = client.get(f"/courses/tiny/basics/{module_row(carded_course, 'basics').page_count}").get_data(as_text=True)
    assert "Where to get help" in last
    # Phone numbers are large tap targets (class "tel"), the words after them stay plain text.
    assert '<a class="tel" href="tel:112" dir="ltr">112</a>' in last
    assert '<a class="tel" href="tel:08005151" dir="ltr">0800 5151</a><span> (free)</span>' in last
    assert "ask at the town hall" in last and 'href="tel:ask' not in last
    assert 'href="/courses/tiny/help-card"' in last
    nxt = client.get(f"/courses/tiny/next-steps/{module_row(carded_course, 'next-steps').page_count}")
    assert "Where to get help" in nxt.get_data(as_text=True)


def test_the_quiz_result_shows_the_help_card(client, login, make_user, carded_course):
    login(make_user())
    answers = right_answers(module_row(carded_course, "basics"))
    quiz_page = client.get("/courses/tiny/basics/quiz").get_data(as_text=True)
    response = submit_form(client, "/courses/tiny/basics/quiz", form_fields(quiz_page, answers))
    assert response.status_code == 302
    result = client.get(response.location).get_data(as_text=True)
    assert "You passed this module" in result
    assert "Where to get help" in result and 'href="tel:112"' in result


def test_the_printable_help_card_page_needs_no_account(client, carded_course):
    page = client.get("/courses/tiny/help-card")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'class="pocket-card"' in html
    assert "<h1>Where to get help</h1>" in html
    assert "EUR 14.71 per hour" in html
    assert CHECKED in html
    assert 'href="https://www.politie.nl" rel="noreferrer"' in html


def test_help_card_text_is_escaped(client, sample_folder):
    (sample_folder / "help-card.yml").write_text('title: "<script>alert(1)</script>"\n', encoding="utf-8")
    publish(sample_folder)
    html = client.get("/courses/tiny/help-card").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_course_without_help_card_has_no_help_card_page(client, tiny_course):
    assert client.get("/courses/tiny/help-card").status_code == 404
    assert client.get("/courses/no-such-course/help-card").status_code == 404
