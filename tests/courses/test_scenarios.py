"""Scenario sections: reading steps and choices, the graph checks (each with file:line), and translation."""

from __future__ import annotations

import textwrap

from po_files import translate_po
from sample_courses import DATA, messages, module

from signaal.courses.compiling import compile_course
from signaal.courses.segments import module_segments

SCENARIO = """
    Opening text.

    ## A visit {.scenario #visit}

    ### The crowded house {#arrival}
    Twelve mattresses in a three-room house. ![A room](assets/room.png)

    - [Ask the man to step outside](#outside) {topic="control"}
      > Talking alone is how people can speak freely.
      >
      > Second paragraph.
    - [Leave](#left)

    ### Outside {#outside}
    He is nervous.

    - [Give him the helpline number](#helped)
    - [Tell the boss](#told) {topic="safety control"}

    ### You left {#left ending="harmful"}
    Nobody heard him.

    ### He got help {#helped ending="good"}
    He called a week later.

    ### The boss knows {#told ending="acceptable"}
    Not great.

    ## Test yourself {.quiz}

    ### Is this a question?
    - [x] Yes
    - [ ] No

    > It ends with a question mark.
    """
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082")


def compile_scenario(write_course, body: str = SCENARIO, extra: dict | None = None):
    folder = write_course({"01-intro.md": module(body), "assets/room.png": PNG, **(extra or {})})
    return compile_course(folder)


def line_of(body: str, text: str, after: str | None = None) -> int:
    """The line of the module file (front matter on lines 1-3) that contains text (after the line holding `after`)."""
    lines = module(body).splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


def replaced(old: str, new: str, body: str = SCENARIO) -> str:
    assert old in body
    return body.replace(old, new)


# Reading


def test_a_scenario_compiles_into_steps_choices_feedback_and_topics(write_course):
    compilation = compile_scenario(write_course)
    assert messages(compilation) == []
    intro = compilation.course.modules[0]
    assert [page.title for page in intro.pages] == ["Introduction"]  # the scenario is not a page
    (scenario,) = intro.scenarios
    assert (scenario.id, scenario.title, scenario.pass_rule) == ("visit", "A visit", "good")
    assert [(step.id, step.ending, len(step.choices)) for step in scenario.steps] == [
        ("arrival", None, 2), ("outside", None, 2), ("left", "harmful", 0), ("helped", "good", 0), ("told", "acceptable", 0),
    ]
    arrival = scenario.start
    assert arrival.title == "The crowded house"
    assert arrival.html == '<p>Twelve mattresses in a three-room house. <img alt="A room" src="assets/room.png"></p>'
    ask, leave = arrival.choices
    assert (ask.target, ask.label_html, ask.topics) == ("outside", "Ask the man to step outside", ("control",))
    assert ask.feedback_html == "<p>Talking alone is how people can speak freely.</p>\n<p>Second paragraph.</p>"
    assert (leave.target, leave.feedback_html, leave.topics) == ("left", "", ())
    assert scenario.step("outside").choices[1].topics == ("safety", "control")
    assert scenario.step("nowhere") is None


def test_pass_rules_decide_which_endings_pass(write_course):
    for rule, passing in (("good", {"good"}), ("acceptable", {"good", "acceptable"}), ("any", {"good", "acceptable", "harmful"})):
        body = replaced("{.scenario #visit}", f'{{.scenario #visit pass="{rule}"}}')
        scenario = compile_scenario(write_course, body).course.modules[0].scenarios[0]
        assert scenario.pass_rule == rule
        assert {ending for ending in ("good", "acceptable", "harmful") if scenario.passes(ending)} == passing
        assert not scenario.passes(None)


def test_a_scenario_without_an_id_is_numbered_and_text_is_sanitised(write_course):
    body = replaced("{.scenario #visit}", "{.scenario}", replaced("He is nervous.", "He is <script>alert(1)</script> nervous."))
    compilation = compile_scenario(write_course, body)
    scenario = compilation.course.modules[0].scenarios[0]
    assert scenario.id == "scenario-1"
    assert "<script" not in scenario.step("outside").html


def test_a_module_may_hold_two_scenarios_before_its_quiz(write_course):
    second = textwrap.indent(textwrap.dedent("""
        ## Another {.scenario #another}

        ### Start {#start}
        Go?

        - [Yes](#fine)

        ### Fine {#fine ending="good"}
        Fine.
        """), "    ")
    body = replaced("## Test yourself {.quiz}", second + "\n    ## Test yourself {.quiz}")
    compilation = compile_scenario(write_course, body)
    assert messages(compilation, "error") == []
    assert [s.id for s in compilation.course.modules[0].scenarios] == ["visit", "another"]


# Graph checks: each an error with file:line


def assert_error(write_course, body: str, expected: str) -> None:
    compilation = compile_scenario(write_course, body)
    assert compilation.course is None
    assert expected in messages(compilation, "error"), messages(compilation)


def test_a_link_to_no_step_is_reported_on_the_choice_line(write_course):
    body = replaced("(#left)", "(#gone)")
    assert_error(write_course, body, f'courses/example/01-intro.md:{line_of(body, "(#gone)")}: the choice links to "#gone", no step — link to a step of this scenario by its {{#id}}')


def test_a_link_to_a_step_of_another_scenario_is_reported(write_course):
    other = textwrap.indent(textwrap.dedent("""
        ## Another {.scenario #another}

        ### Start {#start}
        Go?

        - [Yes](#fine)

        ### Fine {#fine ending="good"}
        Fine.
        """), "    ")
    body = replaced("## Test yourself {.quiz}", other + "\n    ## Test yourself {.quiz}", replaced("(#left)", "(#fine)"))
    compilation = compile_scenario(write_course, body)
    line = line_of(body, "[Leave](#fine)")
    assert f'courses/example/01-intro.md:{line}: the choice links to "#fine", a step of another scenario ("Another") — link to a step of this scenario by its {{#id}}' in messages(compilation)


def test_an_unreachable_step_is_reported_on_its_heading(write_course):
    body = replaced("- [Leave](#left)\n", "- [Leave](#helped)\n")
    assert_error(write_course, body, f'courses/example/01-intro.md:{line_of(body, "{#left ")}: step "left" cannot be reached from the first step "arrival" — link to it from a choice, or remove it')


def test_a_dead_end_is_reported(write_course):
    body = replaced("### Outside {#outside}\n    He is nervous.\n\n    - [Give him the helpline number](#helped)\n    - [Tell the boss](#told) {topic=\"safety control\"}\n", "### Outside {#outside}\n    He is nervous.\n")
    compilation = compile_scenario(write_course, body)
    line = line_of(body, "{#outside}")
    assert f'courses/example/01-intro.md:{line}: step "outside" is a dead end: it has no choices and is not an ending — add choices, or mark it ending="good", "acceptable" or "harmful"' in messages(compilation, "error")


def test_an_ending_with_choices_is_reported(write_course):
    body = replaced("Nobody heard him.\n", "Nobody heard him.\n\n    - [Try again](#arrival)\n")
    assert_error(write_course, body, f'courses/example/01-intro.md:{line_of(body, "{#left ")}: step "left" is an ending but has choices — remove the choices, or remove ending="harmful"')


def test_a_loop_without_an_exit_is_reported(write_course):
    body = replaced(
        "- [Give him the helpline number](#helped)\n    - [Tell the boss](#told) {topic=\"safety control\"}\n",
        "- [Wait](#waiting)\n\n    ### Waiting {#waiting}\n    Time passes.\n\n    - [Go back](#outside)\n    - [Wait more](#waiting)\n",
    )
    body = replaced("- [Leave](#left)\n", "- [Leave](#left)\n    - [Help](#helped)\n    - [Tell](#told)\n", body)
    assert_error(write_course, body, f'courses/example/01-intro.md:{line_of(body, "{#outside}")}: a loop with no way out: no path from the steps "outside", "waiting" reaches an ending — add a choice that leads out of the loop')


def test_a_loop_with_an_exit_is_fine(write_course):
    body = replaced("- [Tell the boss](#told)", "- [Think again](#arrival)\n    - [Tell the boss](#told)")
    assert messages(compile_scenario(write_course, body), "error") == []


def test_a_scenario_needs_a_good_ending(write_course):
    body = replaced('{#helped ending="good"}', '{#helped ending="acceptable"}')
    assert_error(write_course, body, f'courses/example/01-intro.md:{line_of(body, "{.scenario")}: scenario "A visit" has no good ending — mark the step that shows the right way to act with ending="good"')


def test_duplicate_step_ids_are_reported(write_course):
    body = replaced("{#told ending=", "{#left ending=")
    body = replaced("(#told)", "(#left)", body)
    compilation = compile_scenario(write_course, body)
    assert f'courses/example/01-intro.md:{line_of(body, "### The boss knows")}: duplicate step id "left" (also on line {line_of(body, "### You left")}) — give each step its own {{#id}}' in messages(compilation, "error")


def test_two_choices_worded_alike_are_reported(write_course):
    body = replaced("- [Tell the boss](#told)", "- [Give him  the helpline NUMBER](#told)")
    first, second = line_of(body, "[Give him the helpline number]"), line_of(body, "[Give him  the helpline NUMBER]")
    assert_error(write_course, body, f'courses/example/01-intro.md:{second}: two choices of step "outside" say "Give him  the helpline NUMBER" (also on line {first}) — word each choice differently')


def test_bad_ending_and_pass_values_are_reported(write_course):
    body = replaced('{#left ending="harmful"}', '{#left ending="bad"}', replaced("{.scenario #visit}", '{.scenario #visit pass="most"}'))
    compilation = compile_scenario(write_course, body)
    errors = messages(compilation, "error")
    assert f'courses/example/01-intro.md:{line_of(body, "{#left ")}: ending="bad" is not an ending — write ending="good", "acceptable" or "harmful"' in errors
    assert f'courses/example/01-intro.md:{line_of(body, "{.scenario")}: pass="most" is not a pass rule — write pass="good" (only a good ending passes), "acceptable" (good or acceptable) or "any"' in errors


def test_a_step_without_id_text_after_choices_and_unknown_attributes_are_reported(write_course):
    body = replaced("### Outside {#outside}", "### Outside {#outside colour=\"red\"}", replaced("He called a week later.\n", "He called a week later.\n"))
    body = replaced("- [Leave](#left)\n", "- [Leave](#left) {topik=\"x\"}\n    Some words after the choices.\n", body)
    errors = messages(compile_scenario(write_course, body), "error")
    assert f'courses/example/01-intro.md:{line_of(body, "{#outside")}: unknown attribute "colour" — a step takes an {{#id}} and, for an ending, ending="good|acceptable|harmful"' in errors
    assert f'courses/example/01-intro.md:{line_of(body, "[Leave]")}: unknown attribute "topik" — did you mean "topic"?' in errors
    assert f'courses/example/01-intro.md:{line_of(body, "Some words after")}: text after the choices — write the step\'s text above its choices' in errors
    body = replaced("### Outside {#outside}", "### Outside")
    assert f'courses/example/01-intro.md:{line_of(body, "### Outside")}: step "Outside" has no id — add one like {{#arrival}}, so choices can link to it' in messages(compile_scenario(write_course, body), "error")


def test_a_mistyped_scenario_class_is_caught(write_course):
    body = replaced("{.scenario #visit}", "{.scenaro #visit}")
    assert f'courses/example/01-intro.md:{line_of(body, "{.scenaro")}: unknown class ".scenaro" — did you mean ".scenario"?' in messages(compile_scenario(write_course, body), "error")


def test_courses_check_reports_a_broken_scenario_with_file_and_line(runner, write_course):
    body = replaced("(#left)", "(#gone)")
    folder = write_course({"01-intro.md": module(body), "assets/room.png": PNG})
    result = runner.invoke(args=["courses", "check", str(folder)])
    assert result.exit_code != 0
    assert f'courses/example/01-intro.md:{line_of(body, "(#gone)")}: the choice links to "#gone"' in result.output


# Translation: the words are segments, the graph comes from the source


def test_step_titles_texts_labels_and_feedback_are_segments_but_targets_and_topics_are_not():
    texts = [segment.text for segment in module_segments(module(SCENARIO))]
    for text in ("A visit", "The crowded house", "Ask the man to step outside", "Talking alone is how people can speak freely.", "Second paragraph.", "Leave", "You left", "Nobody heard him."):
        assert text in texts
    assert not any("#outside" in text or "topic" in text or "ending" in text for text in texts)


def test_a_link_list_on_a_lesson_page_stays_one_segment_with_its_link():
    page = module("""
        ## Read more

        - [The documents section](#documents)
        """)
    assert [segment.text for segment in module_segments(page)][-1] == "[The documents section](#documents)"


def test_a_translation_cannot_change_where_a_choice_leads(runner, write_course):
    folder = write_course({
        "course.yml": "title: Example course\nlanguage: en\nlanguages: [en, nl]\nmin_coverage: 0\n",
        "01-intro.md": module(SCENARIO), "assets/room.png": PNG,
    })
    assert runner.invoke(args=["courses", "extract", str(folder)]).exit_code == 0
    translate_po(folder / "translations" / "nl.po", {
        "The crowded house": "Het volle huis",
        "Ask the man to step outside": "Vraag de man mee naar buiten",
        # A translator who tries to send the choice elsewhere: the link is extra markup, so not used.
        "Leave": "[Vertrek](#helped)",
        "Talking alone is how people can speak freely.": "Alleen praten is hoe mensen vrij kunnen spreken.",
    })
    compilation = compile_course(folder)
    assert any("nl.po" in message and "link" in message for message in messages(compilation, "warning")), messages(compilation)
    source, nl = compilation.course.modules[0].scenarios[0], compilation.course.translations["nl"].modules[0].scenarios[0]
    ask, leave = nl.start.choices
    assert (nl.start.title, ask.label_html, ask.target) == ("Het volle huis", "Vraag de man mee naar buiten", "outside")
    assert ask.feedback_html.startswith("<p>Alleen praten is hoe mensen vrij kunnen spreken.</p>")
    assert (leave.target, leave.label_html) == ("left", '<span lang="en">Leave</span>')
    assert [[c.target for c in step.choices] for step in nl.steps] == [[c.target for c in step.choices] for step in source.steps]
    assert [(step.id, step.ending) for step in nl.steps] == [(step.id, step.ending) for step in source.steps]


def test_the_scenes_test_course_compiles_in_english_and_arabic():
    compilation = compile_course(DATA / "scenes")
    assert messages(compilation) == []
    arabic = compilation.course.translations["ar"].modules[0].scenarios[0]
    assert arabic.start.choices[0].label_html == "اطلب من الرجل أن يخرج لتتحدثا على انفراد"
    assert arabic.start.choices[0].target == "talk-outside"


def test_ids_are_short_enough_to_name_statistics(write_course):
    long_id = "a" * 41
    body = replaced("{#outside}", f"{{#{long_id}}}", replaced("(#outside)", f"(#{long_id})"))
    errors = messages(compile_scenario(write_course, body), "error")
    assert f'courses/example/01-intro.md:{line_of(body, "### Outside")}: step id "{long_id}" is not valid — use up to 40 letters, digits, - and _' in errors


def test_a_scenario_cannot_start_with_an_ending(write_course):
    body = replaced("### The crowded house {#arrival}", '### The crowded house {#arrival ending="good"}')
    errors = messages(compile_scenario(write_course, body), "error")
    assert f'courses/example/01-intro.md:{line_of(body, "{#arrival")}: the first step "arrival" is an ending — a scenario starts with a step that has choices; put the ending after it' in errors
