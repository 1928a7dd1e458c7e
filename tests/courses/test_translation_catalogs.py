"""`flask courses extract`, translated compilation, fallback to the source, and broken translations."""

from __future__ import annotations

from pathlib import Path

from po_files import po_entry, translate_po
from sample_courses import module

from signaal.courses.compiling import compile_course
from signaal.courses.publishing import publish_course

COURSE_YML = "title: Example course\nsummary: A short course.\nlanguage: en\nlanguages: [en, nl, pl]\n"
MODULE = module("""
    Read the [ILO indicators](https://www.ilo.org/) with **care**.

    ## Documents

    - Keep your passport
    - Keep your bank card

    | Sign | Why |
    |---|---|
    | Debt | You cannot leave |

    ## Test yourself {.quiz}

    ### Who keeps your passport? {#passport}
    - [ ] Your employer
    - [x] You

    > Your passport is *yours*.
    """)


def extract(runner, folder: Path):
    result = runner.invoke(args=["courses", "extract", str(folder)])
    assert result.exit_code == 0, result.output
    return result


def test_extract_writes_one_catalog_per_translated_language_with_locations(runner, write_course):
    folder = write_course({"course.yml": COURSE_YML, "01-intro.md": MODULE})
    result = extract(runner, folder)
    assert "example: updated translations/nl.po" in result.output
    assert sorted(p.name for p in (folder / "translations").iterdir()) == ["nl.po", "pl.po"]
    po = (folder / "translations" / "nl.po").read_text()
    assert "NEEDS REVIEW by a native speaker" in po
    assert '#: 01-intro.md:5\nmsgid "Read the [ILO indicators](https://www.ilo.org/) with **care**."' in po
    assert '#: course.yml:1\nmsgid "Example course"' in po
    assert '#: 01-intro.md:9\nmsgid "Keep your passport"' in po
    assert 'msgid "You cannot leave"' in po and 'msgid "Who keeps your passport?"' in po
    assert "[x]" not in po and "{#passport}" not in po
    # Nothing changed, nothing written: the files stay as translators left them.
    assert "updated" not in extract(runner, folder).output


def test_a_changed_source_segment_keeps_its_translation_as_fuzzy(runner, write_course):
    folder = write_course({"course.yml": COURSE_YML, "01-intro.md": MODULE})
    extract(runner, folder)
    nl = folder / "translations" / "nl.po"
    translate_po(nl, {"Keep your passport": "Houd je paspoort zelf", "Keep your bank card": "Houd je bankpas zelf"})
    (folder / "01-intro.md").write_text(MODULE.replace("Keep your passport", "Keep your own passport"))
    extract(runner, folder)
    changed = po_entry(nl, "Keep your own passport")
    assert changed.fuzzy and changed.string == "Houd je paspoort zelf"
    # PO editors show the old source text next to the new one.
    assert '#, fuzzy\n#| msgid "Keep your passport"\nmsgid "Keep your own passport"' in nl.read_text()
    unchanged = po_entry(nl, "Keep your bank card")
    assert not unchanged.fuzzy and unchanged.string == "Houd je bankpas zelf"
    # Extracted once more, the old source text stays one `#|` entry, not a pile of comments.
    (folder / "01-intro.md").write_text(MODULE.replace("Keep your passport", "Keep your own passport") + "\nMore.\n")
    extract(runner, folder)
    assert nl.read_text().count('#| msgid "Keep your passport"') == 1 and "# |" not in nl.read_text()


def test_a_percentage_in_course_text_is_not_taken_for_a_format_string(runner, write_course):
    # Babel would flag "25 % of" as python-format, and gettext's tools would then refuse "25 % van".
    folder = write_course({"course.yml": COURSE_YML, "01-intro.md": MODULE + "\nAt most 25 % of your wage.\n"})
    extract(runner, folder)
    nl = folder / "translations" / "nl.po"
    assert 'msgid "At most 25 % of your wage."' in nl.read_text()
    assert "python-format" not in nl.read_text()


def test_translated_segments_are_used_and_the_rest_falls_back_marked_in_the_source_language(runner, write_course):
    folder = write_course({"course.yml": COURSE_YML, "01-intro.md": MODULE})
    extract(runner, folder)
    translate_po(folder / "translations" / "nl.po", {
        "Example course": "Voorbeeldcursus",
        "Read the [ILO indicators](https://www.ilo.org/) with **care**.": "Lees de [ILO-indicatoren](https://www.ilo.org/) **zorgvuldig**.",
        "Keep your passport": "Houd je paspoort zelf",
        "Debt": "Schuld",
        "You": "Jij",
        "Keep your bank card": "Houd je bankpas zelf (nog niet nagekeken)",
    }, fuzzy=("Keep your bank card",))
    course = compile_course(folder).course
    nl = course.translations["nl"]
    assert (nl.title, nl.text_langs) == ("Voorbeeldcursus", {"summary": "en"})
    opening, documents = nl.modules[0].pages
    assert opening.html == '<p>Lees de <a href="https://www.ilo.org/" rel="noopener noreferrer">ILO-indicatoren</a> <strong>zorgvuldig</strong>.</p>'
    assert (opening.title, opening.title_lang, nl.modules[0].title_lang) == ("Introduction", "en", "en")
    assert (documents.title, documents.title_lang) == ("Documents", "en")
    assert "<li>Houd je paspoort zelf</li>" in documents.html
    # Fuzzy means "not checked yet": the source is shown, in its own language.
    assert '<li><span lang="en">Keep your bank card</span></li>' in documents.html
    assert '<td>Schuld</td>' in documents.html and '<td><span lang="en">You cannot leave</span></td>' in documents.html
    question = nl.modules[0].quiz.questions[0]
    assert [option.html for option in question.options] == ['<span lang="en">Your employer</span>', "Jij"]
    assert question.explanation_html == '<p><span lang="en">Your passport is <em>yours</em>.</span></p>'


def test_the_answer_key_is_the_same_in_every_language(runner, write_course):
    folder = write_course({"course.yml": COURSE_YML, "01-intro.md": MODULE})
    extract(runner, folder)
    translate_po(folder / "translations" / "pl.po", {"Your employer": "Twój pracodawca", "You": "Ty"})
    course = compile_course(folder).course
    for translated in course.translations.values():
        source_quiz, quiz = course.modules[0].quiz, translated.modules[0].quiz
        assert [(q.id, q.kind, [o.correct for o in q.options]) for q in quiz.questions] == [
            (q.id, q.kind, [o.correct for o in q.options]) for q in source_quiz.questions
        ]


def test_a_translation_that_breaks_markup_is_reported_with_its_po_line_and_not_used(runner, write_course):
    folder = write_course({"course.yml": COURSE_YML, "01-intro.md": MODULE})
    extract(runner, folder)
    nl = folder / "translations" / "nl.po"
    translate_po(nl, {
        "Read the [ILO indicators](https://www.ilo.org/) with **care**.": "Lees de [ILO-indicatoren](https://example.com/) **zorgvuldig**.",
        "Keep your passport": "Houd je <b>paspoort</b> zelf",
        "Your passport is *yours*.": "Je paspoort is *van jou.",
        "You": "Jij | ik",
    })
    result = runner.invoke(args=["courses", "check", str(folder)])
    lines = {entry.id: entry.lineno for entry in _entries(nl)}
    assert result.exit_code == 0  # warnings: the source text is shown instead
    output = result.output
    assert f"courses/example/translations/nl.po:{lines['Read the [ILO indicators](https://www.ilo.org/) with **care**.']}: the translation changes or leaves out a link or image address" in output
    assert f"courses/example/translations/nl.po:{lines['Keep your passport']}: the translation adds **bold**" in output
    assert f"courses/example/translations/nl.po:{lines['Your passport is *yours*.']}: the translation " in output
    assert f"courses/example/translations/nl.po:{lines['You']}: the translation adds or removes one of the characters" in output
    nl_course = compile_course(folder).course.translations["nl"]
    assert "https://example.com/" not in nl_course.modules[0].pages[0].html
    assert '<li><span lang="en">Keep your passport</span></li>' in nl_course.modules[0].pages[1].html
    assert runner.invoke(args=["courses", "check", "--strict", str(folder)]).exit_code == 1


def test_publishing_stores_every_offered_language(app, runner, write_course):
    folder = write_course({"course.yml": COURSE_YML + "audience: Housing inspectors\n", "01-intro.md": MODULE})
    extract(runner, folder)
    translate_po(folder / "translations" / "nl.po", {
        "Example course": "Voorbeeldcursus", "Documents": "Documenten", "Housing inspectors": "Woninginspecteurs",
    })
    version = publish_course(folder).version
    assert version.languages == ("en", "nl", "pl")
    assert version.text_in("nl").title == "Voorbeeldcursus"
    assert (version.text_in("nl").audience, version.text_in("nl").audience_lang) == ("Woninginspecteurs", "nl")
    assert (version.text_in("pl").audience, version.text_in("pl").audience_lang) == ("Housing inspectors", "en")
    assert version.text_in("pl").title_lang == "en"
    assert version.modules_in("nl")[0].pages[1].title == "Documenten"
    assert version.modules_in("nl")[0].title_lang == "en"


def _entries(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as file:
        return [message for message in read_po(file) if message.id]


def test_source_text_on_a_right_to_left_page_keeps_its_own_direction(runner, write_course):
    folder = write_course({"course.yml": "title: Example\nlanguage: en\nlanguages: [en, ar]\n", "01-intro.md": MODULE})
    extract(runner, folder)
    translate_po(folder / "translations" / "ar.po", {"Documents": "الوثائق"})
    ar = compile_course(folder).course.translations["ar"]
    documents = ar.modules[0].pages[1]
    assert (documents.title, documents.title_lang) == ("الوثائق", None)
    assert '<li><span lang="en" dir="ltr">Keep your passport</span></li>' in documents.html
    assert ar.modules[0].pages[0].title_lang == "en"


def test_the_audience_line_is_extracted_and_translated(runner, write_course):
    folder = write_course({"course.yml": COURSE_YML + "audience: Frontline workers\n", "01-intro.md": MODULE})
    extract(runner, folder)
    po = (folder / "translations" / "nl.po").read_text()
    assert '#. course audience\n#: course.yml:5\nmsgid "Frontline workers"' in po
    translate_po(folder / "translations" / "nl.po", {"Frontline workers": "Professionals in de frontlinie"})
    course = compile_course(folder).course
    assert course.translations["nl"].audience == "Professionals in de frontlinie"
    assert "audience" not in course.translations["nl"].text_langs
    # Not translated yet: the source line, marked as being in the source language.
    assert (course.translations["pl"].audience, course.translations["pl"].text_langs["audience"]) == ("Frontline workers", "en")
