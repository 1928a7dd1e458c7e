"""Arabic pages read right to left; every other shipped language left to right."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale, ngettext

from language_pages import SHIPPED, TRANSLATIONS, html_element


def test_an_arabic_page_is_right_to_left(client):
    page = client.get("/account/login", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert html_element(page) == '<html lang="ar" dir="rtl">'


@pytest.mark.parametrize("language", ["en", *[code for code in SHIPPED if code != "ar"]])
def test_other_languages_are_left_to_right(client, language):
    page = client.get("/account/login", headers={"Accept-Language": language}).get_data(as_text=True)
    assert html_element(page) == f'<html lang="{language}" dir="ltr">'


def test_english_course_text_inside_an_arabic_page_stays_left_to_right(client, tiny_course):
    page = client.get(f"/courses/{tiny_course.course_id}", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert html_element(page) == '<html lang="ar" dir="rtl">'
    assert f'lang="{tiny_course.language}" dir="ltr"' in page


# Arabic has six plural forms: zero, one, two, few (3–10), many (11–99), other (100–102, …).
ARABIC_FORMS = {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 102: 5, 103: 3}


@pytest.mark.parametrize(("count", "form"), ARABIC_FORMS.items())
def test_arabic_counts_use_all_six_plural_forms(app, count, form):
    with (TRANSLATIONS / "ar" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale="ar")
    assert catalog.num_plurals == 6
    forms = catalog.get("%(num)d minute").string
    assert len(set(forms)) >= 4  # not one form copied six times
    with app.test_request_context(), force_locale("ar"):
        shown = ngettext("%(num)d minute", "%(num)d minutes", count)
    assert shown == forms[form] % {"num": count}
