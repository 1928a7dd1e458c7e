"""The shipped catalogs are complete, and extraction still finds every string in the code."""

from __future__ import annotations

import logging

import pytest
from babel.messages.pofile import read_po
from babel.support import Translations

from signaal import create_app
from signaal.languages.catalogs import (
    catalog_paths,
    compile_catalogs,
    extract_messages,
    is_translated,
    template_path,
    write_template,
)

from language_pages import SHIPPED, TRANSLATIONS, copy_catalogs, page_language


def read(path):
    with path.open("rb") as po:
        return read_po(po)


@pytest.fixture(scope="module")
def in_the_code():
    """Every interface string in the code today, extracted afresh."""
    return extract_messages(TRANSLATIONS)


def test_every_shipped_language_has_a_catalog():
    assert set(SHIPPED) <= set(catalog_paths(TRANSLATIONS))


def test_extraction_finds_templates_python_and_lazy_strings(in_the_code):
    files = {filename for message in in_the_code for filename, _ in message.locations}
    assert "platform/signaal/templates/base.html" in files
    assert any(name.endswith(".py") for name in files)
    assert in_the_code.get("Skip to content") is not None  # a template
    assert in_the_code.get("You are signed out.") is not None  # gettext in a view
    assert in_the_code.get("This page does not exist (any more).") is not None  # lazy_gettext
    assert in_the_code.get("%(num)d minute") is not None  # ngettext in a template


@pytest.mark.parametrize("language", SHIPPED)
def test_every_string_in_the_code_is_translated(in_the_code, language):
    """Fails when code gained a string that is not yet in this language (run extract, update, translate)."""
    catalog = read(catalog_paths(TRANSLATIONS)[language])
    missing = [m.id for m in in_the_code if m.id and catalog.get(m.id, m.context) is None]
    assert not missing, f"{language}: not in the catalog — run `flask translations extract` and `update`: {missing}"
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, f"{language}: fuzzy, check and confirm these translations: {fuzzy}"
    untranslated = [m.id for m in catalog if m.id and not is_translated(m, catalog.num_plurals)]
    assert not untranslated, f"{language}: untranslated: {untranslated}"
    broken = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert not broken, f"{language}: placeholders differ from the English: {broken}"


def test_the_template_lists_every_string_in_the_code(in_the_code):
    template = read(template_path(TRANSLATIONS))
    missing = [m.id for m in in_the_code if m.id and template.get(m.id, m.context) is None]
    assert not missing, f"messages.pot is stale — run `flask translations extract`: {missing}"


@pytest.mark.parametrize("language", SHIPPED)
def test_each_catalog_says_it_needs_review_by_a_native_speaker(language):
    header = catalog_paths(TRANSLATIONS)[language].read_text(encoding="utf-8").split('msgid ""')[0]
    assert "native speaker" in header


def test_extract_leaves_an_unchanged_template_alone(tmp_path):
    """No new creation date in messages.pot, hence no noise in version control, when nothing changed."""
    translations = copy_catalogs(tmp_path)
    write_template(extract_messages(translations), translations)
    before = template_path(translations).read_bytes()
    assert write_template(extract_messages(translations), translations) is False
    assert template_path(translations).read_bytes() == before


def test_update_marks_a_changed_source_string_fuzzy_and_keeps_its_translation(tmp_path, runner, app):
    translations = copy_catalogs(tmp_path)
    app.config["TRANSLATIONS_PATH"] = translations
    dutch = translations / "nl" / "LC_MESSAGES" / "messages.po"
    # As if the code used to say "Skip to the content" and was changed since.
    dutch.write_text(dutch.read_text(encoding="utf-8").replace('"Skip to content"', '"Skip to the content"'), encoding="utf-8")

    result = runner.invoke(args=["translations", "update"])
    assert result.exit_code == 0, result.output
    entry = read(dutch).get("Skip to content")
    assert entry.fuzzy and entry.string
    assert '#| msgid "Skip to the content"' in dutch.read_text(encoding="utf-8")  # shown in Poedit

    result = runner.invoke(args=["translations", "compile"])
    assert result.exit_code == 0, result.output
    assert "nl: " in result.output and "1 fuzzy" in result.output
    compiled = Translations.load(str(translations), ["nl"])
    assert compiled.gettext("Skip to content") == "Skip to content"  # fuzzy: English until confirmed


def test_update_can_start_a_new_language(tmp_path, runner, app):
    translations = copy_catalogs(tmp_path)
    app.config["TRANSLATIONS_PATH"] = translations
    result = runner.invoke(args=["translations", "update", "--add", "tr"])
    assert result.exit_code == 0, result.output
    assert read(translations / "tr" / "LC_MESSAGES" / "messages.po").get("Skip to content") is not None

    result = runner.invoke(args=["translations", "update", "--add", "../x"])
    assert result.exit_code != 0 and "not a language code" in result.output


def test_a_translation_with_wrong_placeholders_is_reported_and_left_out(tmp_path, runner, app):
    translations = copy_catalogs(tmp_path)
    app.config["TRANSLATIONS_PATH"] = translations
    polish = translations / "pl" / "LC_MESSAGES" / "messages.po"
    text = polish.read_text(encoding="utf-8")
    entry = read(polish).get("Issued on %(date)s")
    polish.write_text(text.replace(f'msgstr "{entry.string}"', 'msgstr "Wydano %(data)s"'), encoding="utf-8")

    result = runner.invoke(args=["translations", "compile"])
    assert result.exit_code == 0
    assert f"{polish}:" in result.output and "placeholders" in result.output
    compiled = Translations.load(str(translations), ["pl"])
    assert compiled.gettext("Issued on %(date)s") == "Issued on %(date)s"


def test_without_compiled_catalogs_the_app_works_in_english(tmp_path, caplog):
    translations = copy_catalogs(tmp_path)
    with caplog.at_level(logging.WARNING, logger="signaal.languages.available"):
        app = create_app(
            {
                "TESTING": True,
                "INSTANCE_PATH": str(tmp_path / "instance"),
                "SECRET_KEY": "test-secret",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.db'}",
                "TRANSLATIONS_PATH": translations,
            }
        )
    assert "flask translations compile" in caplog.text
    client = app.test_client()
    assert page_language(client, "/account/login", headers={"Accept-Language": "nl"}) == "en"
    assert 'action="/language"' not in client.get("/account/login").get_data(as_text=True)
