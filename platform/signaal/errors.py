"""Error pages for people: a sentence in their language, never a traceback."""

from __future__ import annotations

from flask import Flask, g, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db, login_manager

DATABASE_RETRY_SECONDS = 30

MESSAGES = {
    400: _l("Something in the request was not right. Please go back and try again."),
    403: _l("You do not have access to this page."),
    404: _l("This page does not exist (any more)."),
    405: _l("This page cannot be used like that."),
    413: _l("What you sent is too large."),
    429: _l("Too many attempts. Please wait a moment and try again."),
    503: _l("Signaal is not available for a moment. Nothing you did is lost: please try again in a minute."),
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

    @app.errorhandler(DataError)
    @app.errorhandler(OverflowError)
    def value_out_of_range(error):
        # A number or text from the URL that the database cannot hold or compare (a page number
        # past 2**63, say). Views should bound their input; this keeps a miss from becoming a 500.
        db.session.rollback()
        return _render(400)

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_unavailable(error):
        # The database is down, unreachable or timed out. The page must render without it:
        # show it as to a visitor, since even the signed-in user cannot be loaded now.
        _forget_transaction()
        g.database_unavailable = True
        g._login_user = login_manager.anonymous_user()
        page, code = _render(503)
        return page, code, {"Retry-After": str(DATABASE_RETRY_SECONDS)}

    @app.errorhandler(InternalServerError)
    def server_error(error):
        # A failed statement leaves the transaction unusable (PostgreSQL); the page itself may query.
        _forget_transaction()
        return _render(500)


def _forget_transaction() -> None:
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 — the connection itself may be gone; the page matters now
        db.session.remove()
