"""The words on a certificate PDF, in the certificate's language (not the reader's), and its pictures."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, url_for
from PIL import Image as PILImage
from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from ..courses.models import CourseVersion
from ..languages import interface_languages, text_direction
from ..languages.available import native_name
from .models import Certificate
from .pdf import CertificateText, Images
from .records import course_title, refresher_title


def certificate_text(certificate: Certificate) -> CertificateText:
    """Everything printed on the certificate, translated into its language."""
    title, refresher = course_title(certificate), refresher_title(certificate)
    # Built from PUBLIC_URL (security.PublicOrigin): a printed certificate carries the address
    # people can type or scan for years, never an internal host name behind a proxy.
    verify_url = url_for("certificates.verify", code=certificate.code, _external=True)
    issuer = current_app.config.get("SIGNAAL_ISSUER_NAME")
    with force_locale(certificate.language):
        details = [_("Issued on %(date)s", date=format_date(certificate.issued_at.date(), "long"))]
        if certificate.expires_on:
            details.append(_("Valid until %(date)s", date=format_date(certificate.expires_on, "long")))
        if refresher:
            details.append(_("Renewed with the refresher course %(title)s", title=refresher))
        details.append(_("Certificate code %(code)s", code=certificate.code))
        return CertificateText(
            heading=_("Certificate of completion"),
            holder_name=certificate.holder_name,
            statement=_("has completed the course"),
            course_title=title,
            details=tuple(details),
            verify_label=_("Check this certificate at"),
            verify_url=verify_url,
            rtl=text_direction(certificate.language) == "rtl",
            issuer=_("Issued by %(issuer)s", issuer=issuer) if issuer else "",
        )


# Pictures an organisation may put in the instance folder; the first existing name of each is used.
LOGO_FILES = ("certificate-logo.png", "certificate-logo.jpg")
SIGNATURE_FILES = ("certificate-signature.png", "certificate-signature.jpg")


def certificate_images() -> Images:
    """The logo and signature images in the instance folder, when the organisation put them there."""
    folder = Path(current_app.instance_path)

    def first(names: tuple[str, ...]) -> Path | None:
        return next((folder / name for name in names if _readable_image(folder / name)), None)

    return Images(logo=first(LOGO_FILES), signature=first(SIGNATURE_FILES))


def certificate_languages(version: CourseVersion) -> list[tuple[str, str]]:
    """The languages a certificate can be printed in, as (code, name in that language)."""
    names = {language.code: language.name for language in interface_languages()}
    codes = dict.fromkeys([*version.languages, *names])
    return [(code, names.get(code) or native_name(code)) for code in codes]


def _readable_image(path: Path) -> bool:
    # A damaged or mislabelled file must not stop every certificate download: it is left out, and logged.
    if not path.is_file():
        return False
    try:
        with PILImage.open(path) as picture:
            picture.verify()
    except (OSError, SyntaxError, ValueError):
        current_app.logger.warning("%s is not a readable PNG or JPEG image: left off the certificates", path)
        return False
    return True
