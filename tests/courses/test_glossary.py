"""The glossaries: one per language, shared by the courses and the interface, enforced by `courses check`."""

from __future__ import annotations

from pathlib import Path

import pytest
from po_files import po_entry, translate_po
from sample_courses import VALID_COURSE_YML, messages, module, write_files

from signaal.config import REPOSITORY_ROOT
from signaal.courses.compiling import compile_course
from signaal.courses.glossary import GLOSSARY_FOLDER, check_interface_glossaries, read_glossary

GLOSSARY = """\
terms:
  - en: "help card"
    expect: ["fișa de ajutor", "fișei de ajutor"]
    avoid: ["cardul de ajutor"]
"""
MODULE = module("""
    The numbers are on the help card.

    Ask for help.

    ## Test yourself {.quiz}

    ### Is this a question?
    - [x] Yes
    - [ ] No

    > It ends with a question mark.
    """)


@pytest.fixture
def translated(runner, write_course, tmp_path):
    """A course offered in Romanian, extracted, and a glossary folder with ro.yml."""
    folder = write_course({"course.yml": VALID_COURSE_YML + "languages: [ro]\n", "01-intro.md": MODULE})
    assert runner.invoke(args=["courses", "extract", str(folder)]).exit_code == 0
    glossaries = write_files(tmp_path / "translations" / GLOSSARY_FOLDER, {"ro.yml": GLOSSARY})
    return folder, glossaries


def line_of(po: Path, msgid: str) -> int:
    return po_entry(po, msgid).lineno


def test_a_word_on_the_avoid_list_is_a_warning_at_its_po_line(translated):
    folder, glossaries = translated
    po = folder / "translations" / "ro.po"
    translate_po(po, {"The numbers are on the help card.": "Cifrele sunt pe cardul de ajutor."})
    compilation = compile_course(folder, glossary_folder=glossaries)
    assert messages(compilation, "warning") == [
        f"courses/example/translations/ro.po:{line_of(po, 'The numbers are on the help card.')}: \"cardul de ajutor\" is on the glossary's avoid list for \"help card\" (ro.yml:2) — write 'fișa de ajutor' or 'fișei de ajutor'"
    ]


def test_a_term_translated_another_way_is_a_warning(translated):
    folder, glossaries = translated
    po = folder / "translations" / "ro.po"
    translate_po(po, {"The numbers are on the help card.": "Cifrele sunt pe foaia de sprijin."})
    assert messages(compile_course(folder, glossary_folder=glossaries), "warning") == [
        f"courses/example/translations/ro.po:{line_of(po, 'The numbers are on the help card.')}: \"help card\" is not translated as the glossary says (ro.yml:2) — use 'fișa de ajutor' or 'fișei de ajutor'"
    ]


def test_a_translation_that_follows_the_glossary_passes_and_fuzzy_ones_are_not_held_to_it(translated):
    folder, glossaries = translated
    translate_po(folder / "translations" / "ro.po", {
        "The numbers are on the help card.": "Cifrele sunt pe fișa de ajutor.",
        "Ask for help.": "Cereți ajutor pe cardul de ajutor.",
    }, fuzzy=("Ask for help.",))
    assert messages(compile_course(folder, glossary_folder=glossaries), "warning") == []


def test_without_a_glossary_folder_nothing_is_checked(translated):
    folder, _ = translated
    translate_po(folder / "translations" / "ro.po", {"The numbers are on the help card.": "Cifrele sunt pe cardul de ajutor."})
    assert messages(compile_course(folder), "warning") == []


def test_check_strict_uses_the_glossaries_next_to_the_interface_catalogs(app, runner, translated):
    folder, glossaries = translated
    translate_po(folder / "translations" / "ro.po", {"The numbers are on the help card.": "Cifrele sunt pe cardul de ajutor."})
    app.config["TRANSLATIONS_PATH"] = glossaries.parent
    result = runner.invoke(args=["courses", "check", "--strict", str(folder)])
    assert result.exit_code == 1
    assert "translations/ro.po:" in result.output and "is on the glossary's avoid list" in result.output


def test_the_interface_catalogs_are_held_to_the_glossaries_too(tmp_path):
    write_files(tmp_path / GLOSSARY_FOLDER, {"ro.yml": GLOSSARY})
    write_files(tmp_path / "ro" / "LC_MESSAGES", {"messages.po": 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "The printable help card"\nmsgstr "Cardul de ajutor de tipărit"\n'})
    problems = []
    check_interface_glossaries(tmp_path, problems)
    assert [str(p) for p in problems] == [
        f"{tmp_path}/ro/LC_MESSAGES/messages.po:5: \"cardul de ajutor\" is on the glossary's avoid list for \"help card\" (ro.yml:2) — write 'fișa de ajutor' or 'fișei de ajutor'"
    ]


def test_a_broken_glossary_is_reported_with_its_line(tmp_path):
    path = write_files(tmp_path, {"ro.yml": "terms:\n  - expect: [\"x\"]\n  - en: \"help card\"\n    avoids: [\"y\"]\n"}) / "ro.yml"
    problems = []
    assert read_glossary(path, problems) is None
    assert [str(p).replace(f"{tmp_path}/", "") for p in problems] == [
        'ro.yml:2: missing required key "en" — add a line like en: "help card"',
        'ro.yml:4: unknown key "avoids" — did you mean "avoid"?',
    ]


def test_every_language_of_the_bundled_courses_and_the_interface_has_a_glossary_that_holds():
    translations = REPOSITORY_ROOT / "translations"
    languages = sorted(path.parts[-3] for path in translations.glob("*/LC_MESSAGES/messages.po"))
    assert sorted(path.stem for path in (translations / GLOSSARY_FOLDER).glob("*.yml")) == languages
    problems = []
    check_interface_glossaries(translations, problems)
    assert [str(p) for p in problems] == []
