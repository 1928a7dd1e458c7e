"""The certificate names its issuer, may carry the organisation's logo and signature, and links to the public address."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from certificate_helpers import earn_certificate
from signaal.extensions import db


def downloaded(client, certificate) -> PdfReader:
    response = client.get(f"/certificates/{certificate.code}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return PdfReader(io.BytesIO(response.data))


def text_of(pdf: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in pdf.pages).split())


def image_count(pdf: PdfReader) -> int:
    return len(pdf.pages[0].images)


def picture(path: Path, size: tuple[int, int]) -> None:
    Image.new("RGB", size, "navy").save(path)


# The test client asks for localhost and sends no Referer (CSRF over HTTPS wants one): the PDF is tested here.
@pytest.mark.app_config(
    PUBLIC_URL="https://signaal.example.org", TRUSTED_HOSTS=["signaal.example.org", "localhost"], WTF_CSRF_SSL_STRICT=False
)
def test_issuer_and_public_address_are_printed(app, client, login, make_user, tiny_course):
    app.config["SIGNAAL_ISSUER_NAME"] = "FairWork Gelderland"
    certificate = earn_certificate(login(make_user()), tiny_course)
    pdf = downloaded(client, certificate)
    text = text_of(pdf)
    assert "Issued by FairWork Gelderland" in text
    assert f"https://signaal.example.org/verify/{certificate.code}" in text
    assert "localhost" not in text
    assert image_count(pdf) == 1  # the QR code only: no logo or signature in the instance folder


def test_without_settings_the_address_of_the_request_is_used_and_no_issuer_line(client, login, make_user, tiny_course):
    certificate = earn_certificate(login(make_user()), tiny_course)
    text = text_of(downloaded(client, certificate))
    assert f"http://localhost/verify/{certificate.code}" in text
    assert "Issued by" not in text


def test_logo_and_signature_from_the_instance_folder(app, client, login, make_user, tiny_course):
    app.config["SIGNAAL_ISSUER_NAME"] = "FairWork Gelderland"
    folder = Path(app.instance_path)
    picture(folder / "certificate-logo.png", (400, 120))
    picture(folder / "certificate-signature.jpg", (300, 100))
    certificate = earn_certificate(login(make_user()), tiny_course)
    pdf = downloaded(client, certificate)
    assert len(pdf.pages) == 1
    assert image_count(pdf) == 3  # logo, signature and QR code
    assert "Issued by FairWork Gelderland" in text_of(pdf)


def test_the_issuer_line_is_in_the_certificates_language(app, client, login, make_user, tiny_course):
    app.config["SIGNAAL_ISSUER_NAME"] = "FairWork Gelderland"
    certificate = earn_certificate(login(make_user()), tiny_course)
    certificate.language = "nl"
    db.session.commit()
    assert re.search(r"Uitgegeven door FairWork Gelderland", text_of(downloaded(client, certificate)))


def test_a_damaged_logo_is_left_off_and_the_certificate_still_downloads(app, client, login, make_user, tiny_course):
    (Path(app.instance_path) / "certificate-logo.png").write_bytes(b"not a picture")
    certificate = earn_certificate(login(make_user()), tiny_course)
    assert image_count(downloaded(client, certificate)) == 1
