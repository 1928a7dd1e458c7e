"""A fuzzy entry's previous source text (`#| msgid`) survives writing and reading, however long it is."""

from __future__ import annotations

from babel.messages.catalog import Catalog

from signaal.languages.po_format import catalog_bytes, read_catalog

OLD = "EUR 14.71 from 1 January 2026. The amount changes on 1 January and 1 July: ask Work in NL or see the source."
NEW = "EUR 14.99 from 1 July 2026 (it was EUR 14.71 from 1 January 2026). The amount changes on 1 January and 1 July."


def fuzzy_catalog() -> Catalog:
    catalog = Catalog(locale="nl", fuzzy=False)
    catalog.add(NEW, "EUR 14,71 vanaf 1 januari 2026.", flags=["fuzzy"], previous_id=[OLD])
    catalog.add("Keep your own passport", "Bewaar je paspoort", flags=["fuzzy"], previous_id=["Keep your passport"])
    catalog.add(("%(num)d day", "%(num)d days"), ("%(num)d dag", "%(num)d dagen"), flags=["fuzzy"],
                previous_id=["%(num)d minute", "%(num)d minutes"])
    catalog.add("Settled", "Klaar")
    return catalog


def test_a_long_previous_text_is_written_as_gettext_writes_it():
    text = catalog_bytes(fuzzy_catalog(), width=76).decode()
    assert (
        '#, fuzzy\n'
        '#| msgid ""\n'
        '#| "EUR 14.71 from 1 January 2026. The amount changes on 1 January and 1 "\n'
        '#| "July: ask Work in NL or see the source."\n'
        'msgid ""\n'
        '"EUR 14.99 from 1 July 2026'
    ) in text
    assert '#, fuzzy\n#| msgid "Keep your passport"\nmsgid "Keep your own passport"' in text
    assert '#| msgid "%(num)d minute"\n#| msgid_plural "%(num)d minutes"\nmsgid "%(num)d day"' in text
    assert text.count("#|") == 6  # nothing for the entry that is not fuzzy


def test_reading_takes_the_previous_text_back_instead_of_keeping_it_as_a_comment():
    again = read_catalog(catalog_bytes(fuzzy_catalog(), width=76), locale="nl")
    assert again[NEW].previous_id == [OLD] and again[NEW].user_comments == []
    assert again["%(num)d day"].previous_id == ["%(num)d minute", "%(num)d minutes"]
    # Written again, the file is the same: no comment piles up update after update.
    assert catalog_bytes(again, width=76) == catalog_bytes(fuzzy_catalog(), width=76)


def test_what_babel_wrote_before_is_repaired():
    # Babel's writer wrapped the line inside its quotes, and its reader kept it as a comment "| …".
    broken = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\n'
        '#| msgid "" "EUR 14.71 from 1 January 2026. The amount changes on 1 January and\n'
        '#| 1 " "July: ask Work in NL or see the source."\n'
        f'msgid "{NEW}"\nmsgstr "EUR 14,71 vanaf 1 januari 2026."\n\n'
        '# | msgid "Courses"\n'
        'msgid "Settled"\nmsgstr "Klaar"\n'
    ).encode()
    catalog = read_catalog(broken, locale="nl")
    assert catalog[NEW].previous_id == [OLD]
    assert catalog["Settled"].user_comments == [] and not catalog["Settled"].previous_id  # not fuzzy: dropped
