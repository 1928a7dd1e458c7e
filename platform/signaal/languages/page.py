"""What every page needs to know about its language: code, direction and the menu."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import has_request_context, request
from flask_babel import get_locale

from .available import SOURCE_LANGUAGE, interface_languages, native_name
from .negotiation import URL_PARAMETER

RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})


def text_direction(language: str) -> str:
    """The text direction of a language: "rtl" (Arabic, Persian, Hebrew, Urdu) or "ltr"."""
    return "rtl" if language.replace("-", "_").split("_")[0] in RIGHT_TO_LEFT else "ltr"


def template_context() -> dict:
    """The page language and direction and the language menu, available to every template."""
    language = str(get_locale() or SOURCE_LANGUAGE)
    return {
        "interface_language": language.replace("_", "-"),
        "text_direction": text_direction(language),
        "direction_of": text_direction,
        "language_name": native_name,  # a language's name in itself, for headings instead of codes
        "language_menu": interface_languages(),
        "language_return_to": return_target() if has_request_context() else "/",
    }


def return_target() -> str:
    """This page's address without `?lang=`, which would override the choice made in the menu."""
    query = [(key, value) for key, value in request.args.items(multi=True) if key != URL_PARAMETER]
    return request.path + (f"?{urlencode(query)}" if query else "")
