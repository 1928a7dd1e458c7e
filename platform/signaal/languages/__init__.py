"""The interface language: which ones are offered, which one a request gets, and the menu.

Interface text lives in the gettext catalogs in the top-level `translations/`;
`flask translations extract|update|compile` maintains them (see catalogs.py).
Course content has its own catalogs per course (see the courses domain).
"""

from flask import Flask

from .available import SOURCE_LANGUAGE, find_languages, interface_codes, interface_languages
from .negotiation import copy_account_choice_to_cookie, select_locale
from .page import template_context, text_direction


def init_app(app: Flask) -> None:
    """Find the offered languages once; keep the browser's language cookie in step with the account."""
    find_languages(app)
    app.after_request(copy_account_choice_to_cookie)


__all__ = [
    "SOURCE_LANGUAGE",
    "init_app",
    "interface_codes",
    "interface_languages",
    "select_locale",
    "template_context",
    "text_direction",
]
