"""Which language a person reads Signaal in."""

from __future__ import annotations

from flask import request
from flask_login import current_user

SOURCE_LANGUAGE = "en"


def interface_languages() -> list[str]:
    """Languages the interface is translated into (English is the source)."""
    from flask_babel import get_babel

    translations = get_babel().instance.list_translations()
    codes = {str(locale) for locale in translations} | {SOURCE_LANGUAGE}
    return sorted(codes)


def select_locale() -> str:
    """The participant's chosen language, else the browser's preference, else English."""
    available = interface_languages()
    chosen = getattr(current_user, "language", None)
    if chosen in available:
        return chosen
    return request.accept_languages.best_match(available) or SOURCE_LANGUAGE


RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})


def text_direction(language: str) -> str:
    return "rtl" if language.split("_")[0] in RIGHT_TO_LEFT else "ltr"


def template_context() -> dict:
    """The page language and direction, available to every template."""
    from flask_babel import get_locale

    language = str(get_locale() or SOURCE_LANGUAGE)
    return {
        "interface_language": language.replace("_", "-"),
        "text_direction": text_direction(language),
        "direction_of": text_direction,
    }
