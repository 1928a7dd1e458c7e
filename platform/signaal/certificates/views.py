"""A participant's certificates and downloads, public verification, revocation and the public key."""

from __future__ import annotations

from flask import (
    Blueprint, Response, abort, current_app, flash, jsonify, redirect, render_template, request, url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..clock import today
from ..extensions import limiter
from ..transaction import write_transaction
from .credentials import MEDIA_TYPE, CredentialContext, issuer_profile, signed_credential
from .forms import CertificateSettingsForm, PreferredNameForm, RevokeForm
from .key_store import published_keys, signing_key
from .models import Certificate
from .naming import NameLocked, choose_certificate_details, note_download, preferred_name, set_preferred_name
from .pdf import render_certificate_pdf
from ..courses.catalogue import live_version
from .records import certificate_by_code, certificates_of, completed_version, course_title, course_title_for_reader
from .renewal import NotRenewable, renewal_courses, start_renewal
from .revocation import AlreadyRevoked, may_revoke, revoke_certificate
from .verification import look_up
from .wording import certificate_images, certificate_languages, certificate_text

bp = Blueprint("certificates", __name__)

# Per client address; storage is RATELIMIT_STORAGE_URI, shared by every process when it is Redis.
DEFAULT_VERIFY_LIMIT = "30 per minute;300 per day"
# The downloads that fix a certificate's name, by the value of ?download= on the settings page.
DOWNLOADS = {"pdf": ".pdf", "jwt": ".credential"}
JWKS_MAX_AGE = 300  # seconds


# The participant's own certificates


@bp.route("/certificates")
@login_required
def mine():
    certificates = certificates_of(current_user)
    on = today()
    form = PreferredNameForm(name=preferred_name(current_user) or "")
    return render_template(
        "certificates/mine.html",
        certificates=certificates,
        titles={c.id: course_title(c) for c in certificates},
        renewals={c.id: _renewal_titles(c, on) for c in certificates},
        today=on,
        form=form,
    )


@bp.route("/certificates/name", methods=["POST"])
@login_required
def preferred_name_form():
    form = PreferredNameForm()
    if form.validate_on_submit():
        set_preferred_name(current_user, form.name.data or "")
        flash(_("Saved. New certificates will carry this name."), "success")
        return redirect(url_for(".mine"))
    return render_template("certificates/name.html", form=form), 400


@bp.route("/certificates/<code>/settings", methods=["GET", "POST"])
@login_required
def settings(code: str):
    certificate = _own_certificate_or_404(code)
    # Set when the participant asked for a download of a certificate whose name can still change:
    # the name is asked first, because the download fixes it.
    download = request.values.get("download") if request.values.get("download") in DOWNLOADS else None
    form = CertificateSettingsForm(obj=certificate, name=certificate.holder_name)
    form.language.choices = certificate_languages(completed_version(certificate))
    if not certificate.name_can_change:
        if download:
            return redirect(url_for(DOWNLOADS[download], code=certificate.code))
        del form.name
    if form.validate_on_submit():
        name = form.name.data if "name" in form else None
        try:
            choose_certificate_details(certificate, language=form.language.data, name=name)
        except NameLocked:
            abort(409)  # downloaded in another tab since this form was shown
        except ValueError:
            form.name.errors.append(_("Please write the name for the certificate."))
        else:
            if download:
                return redirect(url_for(DOWNLOADS[download], code=certificate.code))
            flash(_("Saved."), "success")
            return redirect(url_for(".mine"))
    status = 400 if form.errors else 200
    return render_template(
        "certificates/settings.html", certificate=certificate, title=course_title(certificate), form=form,
        download=download,
    ), status


@bp.route("/certificates/<code>.pdf")
@login_required
def pdf(code: str):
    certificate = _own_certificate_or_404(code)
    document = render_certificate_pdf(
        certificate_text(certificate), font_cache_dir=current_app.config["FONT_CACHE_PATH"],
        images=certificate_images(),
    )
    with write_transaction():
        note_download(certificate)
    return _download(document, "application/pdf", f"certificate-{certificate.code}.pdf")


@bp.route("/certificates/<code>.jwt")
@login_required
def credential(code: str):
    certificate = _own_certificate_or_404(code)
    # A key made on first use is written too: the one that signed must be the one that is kept.
    with write_transaction():
        token = signed_credential(certificate, _credential_context(certificate), signing_key())
        note_download(certificate)
    return _download(token, MEDIA_TYPE, f"certificate-{certificate.code}.jwt")


@bp.route("/certificates/<code>/renew", methods=["POST"])
@login_required
def renew(code: str):
    certificate = _own_certificate_or_404(code)
    course_id = request.form.get("course", "")
    try:
        start_renewal(current_user, certificate, course_id, today())
    except NotRenewable:
        abort(400)
    flash(_("Take the course again to receive a new certificate."), "info")
    return redirect(url_for("learning.course", course_id=course_id))


# Public: anyone may check a code, nobody may try codes in bulk


def _nothing_to_look_up() -> bool:
    return not (request.view_args or {}).get("code") and not request.args.get("code")


@bp.route("/verify", methods=["GET"])
@bp.route("/verify/<code>", methods=["GET"])
@limiter.limit(
    lambda: current_app.config.get("CERTIFICATE_VERIFY_LIMIT", DEFAULT_VERIFY_LIMIT),
    exempt_when=_nothing_to_look_up,
)
def verify(code: str | None = None):
    typed = (code or request.args.get("code", "")).strip()
    lookup = look_up(typed) if typed else None
    certificate = lookup.certificate if lookup else None
    return render_template(
        "certificates/verify.html",
        typed=typed,
        lookup=lookup,
        revoke_form=RevokeForm() if _may_revoke_here(certificate) else None,
        **_verification_details(certificate),
    )


@bp.route("/verify/<code>/revoke", methods=["POST"])
@login_required
def revoke(code: str):
    certificate = certificate_by_code(code)
    if certificate is None:
        abort(404)
    if not may_revoke(current_user, certificate):
        abort(403)
    form = RevokeForm()
    if form.validate_on_submit():
        try:
            revoke_certificate(current_user, certificate, form.reason.data)
        except AlreadyRevoked:
            pass
        flash(_("The certificate is revoked."), "success")
        return redirect(url_for(".verify", code=certificate.code))
    return render_template(
        "certificates/verify.html",
        typed=certificate.code,
        lookup=look_up(certificate.code),
        revoke_form=form,
        **_verification_details(certificate),
    ), 400


@bp.route("/.well-known/jwks.json")
def jwks():
    with write_transaction():  # a key made on first use is kept
        keys = published_keys()
    response = jsonify({"keys": keys})
    response.cache_control.public = True
    # Short, so verifiers see a new key soon after `flask credentials rotate-key`.
    response.cache_control.max_age = JWKS_MAX_AGE
    return response


@bp.route("/issuer")
def issuer():
    return jsonify(issuer_profile(url_for(".issuer", _external=True), url_for("courses.catalogue", _external=True)))


# Helpers


def _verification_details(certificate: Certificate | None) -> dict:
    """What the verification page shows about a certificate: status, titles, issuer."""
    if certificate is None:
        return {"certificate": None, "title": None, "title_lang": None, "original_title": None, "status": None}
    title, title_lang = course_title_for_reader(certificate, get_locale().language)
    original = course_title(certificate)
    return {
        "certificate": certificate,
        "title": title,
        "title_lang": title_lang,
        "original_title": original if original != title else None,
        "status": certificate.status(today()),
        "issuer": current_app.config.get("SIGNAAL_ISSUER_NAME") or None,
    }


def _own_certificate_or_404(code: str) -> Certificate:
    certificate = certificate_by_code(code)
    # Someone else's certificate is "not found": the download pages reveal nothing.
    if certificate is None or certificate.user_id != current_user.id:
        abort(404)
    return certificate


def _may_revoke_here(certificate: Certificate | None) -> bool:
    return (
        certificate is not None
        and certificate.revoked_at is None
        and current_user.is_authenticated
        and may_revoke(current_user, certificate)
    )


def _renewal_titles(certificate: Certificate, on) -> list[tuple[str, str]]:
    """(course id, title) of each course that renews the certificate now."""
    return [(course_id, live_version(course_id).title) for course_id in renewal_courses(certificate, on)]


def _credential_context(certificate: Certificate) -> CredentialContext:
    version = live_version(certificate.course_id) or completed_version(certificate)
    return CredentialContext(
        course_title=course_title(certificate),
        course_summary=version.summary,
        verify_url=url_for(".verify", code=certificate.code, _external=True),
        course_url=url_for("learning.course", course_id=certificate.course_id, _external=True),
        issuer_url=url_for(".issuer", _external=True),
        site_url=url_for("courses.catalogue", _external=True),
    )


def _download(body, mimetype: str, filename: str) -> Response:
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})
