"""The language menu's target: switch language and return to the same page."""

from __future__ import annotations

from flask import Blueprint, redirect, request, url_for

from ..local_urls import local_url
from .available import interface_codes
from .negotiation import remember_choice

bp = Blueprint("languages", __name__)


@bp.post("/language")
def choose():
    target = local_url(request.form.get("next")) or url_for("courses.catalogue")
    response = redirect(target, code=303)
    code = request.form.get("language", "")
    # An unknown code changes nothing: the visitor simply returns to the page they were on.
    if code in interface_codes():
        remember_choice(response, code)
    return response
