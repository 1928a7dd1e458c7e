"""The course catalogue, the files courses refer to, the help card and the quick-exit link."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, g, render_template, request
from sqlalchemy import select

from ..extensions import db
from .catalogue import live_version, live_version_or_404, published_versions, reading_language
from .help_card import split_phone, tel_href
from .models import CourseAsset

bp = Blueprint("courses", __name__)


@bp.route("/")
def catalogue():
    versions = published_versions()
    texts = {version.id: version.text_in(reading_language(version)) for version in versions}
    return render_template("courses/catalogue.html", versions=versions, texts=texts)


@bp.route("/courses/<course_id>/assets/<path:name>")
def asset(course_id: str, name: str):
    version = live_version_or_404(course_id)
    found = db.session.scalar(
        select(CourseAsset).where(
            CourseAsset.version_id == version.id, CourseAsset.path == f"assets/{name}"
        )
    )
    if found is None:
        abort(404)
    response = Response(found.data, mimetype=found.media_type)
    # Course files may be SVG: never let one run script in our origin.
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.route("/courses/<course_id>/help-card")
def help_card(course_id: str):
    """The course's help card on a page of its own, to read or to print as a pocket card."""
    version = live_version_or_404(course_id)
    language = reading_language(version)
    card = version.help_card_in(language)
    if card is None:
        abort(404)
    return render_template("courses/help_card.html", version=version, language=language, card=card)


@bp.app_template_filter("phone_parts")
def phone_parts(phone: str | None) -> tuple[str, str, str]:
    """(number, tel: address, the words after the number) for a help card's phone text."""
    number, rest = split_phone(phone or "")
    return number, tel_href(number) if number else "", rest


@bp.app_context_processor
def quick_exit_link() -> dict:
    """On every page about a quick_exit course, the address base.html's "leave quickly" link goes to."""
    course_id = (request.view_args or {}).get("course_id") if request else None
    # The 503 page says the database is down: it must not ask it anything.
    live = live_version(course_id) if isinstance(course_id, str) and not g.get("database_unavailable") else None
    return {"quick_exit_url": current_app.config["SIGNAAL_QUICK_EXIT_URL"] if live and live.quick_exit else None}
