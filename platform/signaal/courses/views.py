"""The course catalogue and the files courses refer to."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template
from sqlalchemy import select

from ..extensions import db
from .catalogue import live_version_or_404, published_versions
from .models import CourseAsset

bp = Blueprint("courses", __name__)


@bp.route("/")
def catalogue():
    return render_template("courses/catalogue.html", versions=published_versions())


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
