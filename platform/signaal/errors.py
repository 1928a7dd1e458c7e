"""Error pages for people: a sentence in their language, never a traceback."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

MESSAGES = {
    400: _l("Something in the request was not right. Please go back and try again."),
    403: _l("You do not have access to this page."),
    404: _l("This page does not exist (any more)."),
    405: _l("This page cannot be used like that."),
    413: _l("What you sent is too large."),
    429: _l("Too many attempts. Please wait a moment and try again."),
    500: _l("Something went wrong on our side. Please try again later."),
}


def _render(code: int):
    message = MESSAGES.get(code, MESSAGES[400] if code < 500 else MESSAGES[500])
    return render_template("errors.html", code=code, message=message), code


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return render_template(
            "errors.html",
            code=400,
            message=_l("This form has expired. Please go back, reload the page and try again."),
        ), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return _render(error.code or 500)

    @app.errorhandler(InternalServerError)
    def server_error(error):
        return _render(500)
