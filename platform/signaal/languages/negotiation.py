"""Choosing the interface language for a request, and remembering an explicit choice.

Precedence: `?lang=` on the address (a link sent in Polish opens in Polish),
then the choice saved on the account, then the visitor's cookie, then the
browser's Accept-Language, then English. Every candidate is compared with the
offered codes, so an unknown or malformed value is simply never used.
The account's choice is also copied into the cookie, so that the page after
signing out is still in the person's language.
"""

from __future__ import annotations

from flask import Response, current_app, g, has_request_context, request
from flask_login import current_user

from ..accounts.registry import set_language
from .available import SOURCE_LANGUAGE, interface_codes, interface_languages

COOKIE_NAME = "signaal_language"
URL_PARAMETER = "lang"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def select_locale() -> str:
    """The language for this request (Flask-Babel's locale selector)."""
    if not has_request_context():
        return SOURCE_LANGUAGE
    offered = interface_codes()
    if request.args.get(URL_PARAMETER) in offered:
        return request.args[URL_PARAMETER]
    account_choice = getattr(current_user, "language", None)
    if account_choice in offered:
        if request.cookies.get(COOKIE_NAME) != account_choice:
            g.language_for_cookie = account_choice
        return account_choice
    # English listed first, so that "Accept-Language: *" (any language) means English.
    in_menu_order = [language.code for language in interface_languages()]
    browser_choice = request.accept_languages.best_match(in_menu_order)
    return remembered_choice() or browser_choice or SOURCE_LANGUAGE


def remembered_choice() -> str | None:
    """The language this browser chose in the menu, if it is still offered."""
    chosen = request.cookies.get(COOKIE_NAME)
    return chosen if chosen in interface_codes() else None


def remember_choice(response: Response, code: str) -> None:
    """Keep an explicit choice: in a cookie for this browser, and on the account when signed in."""
    _set_cookie(response, code)
    if current_user.is_authenticated:
        set_language(current_user, code)


def copy_account_choice_to_cookie(response: Response) -> Response:
    """Let the browser remember the account's language too, so signing out does not switch language."""
    code = g.pop("language_for_cookie", None)
    if code:
        _set_cookie(response, code)
    return response


def _set_cookie(response: Response, code: str) -> None:
    response.set_cookie(
        COOKIE_NAME,
        code,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
