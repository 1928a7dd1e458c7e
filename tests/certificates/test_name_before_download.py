"""The name is asked for before the first download, which fixes it, and the page says so."""

from __future__ import annotations

from certificate_helpers import earn_certificate
from signaal.extensions import db
from web_forms import submit_form


def test_the_first_download_asks_for_the_name_and_explains_it_is_then_fixed(client, login, make_user, tiny_course):
    user = login(make_user(display_name="pseudo_k"))
    certificate = earn_certificate(user, tiny_course)
    listing = client.get("/certificates").get_data(as_text=True)
    ask = f"/certificates/{certificate.code}/settings?download=pdf"
    assert f'href="{ask}"' in listing

    page = client.get(ask).get_data(as_text=True)
    assert "Check the name on your certificate" in page
    assert "After the first download it can no longer be changed" in page
    assert 'value="pseudo_k"' in page

    response = submit_form(client, ask, {"name": "Katarzyna Nowak", "language": certificate.language})
    assert response.status_code == 302 and response.location.endswith(f"/certificates/{certificate.code}.pdf")
    db.session.refresh(certificate)
    assert certificate.holder_name == "Katarzyna Nowak" and certificate.first_downloaded_at is None

    assert client.get(response.location).mimetype == "application/pdf"
    db.session.refresh(certificate)
    assert certificate.first_downloaded_at is not None
    # Once fixed, the download link goes straight to the PDF, and asking again changes nothing.
    assert f'href="/certificates/{certificate.code}.pdf"' in client.get("/certificates").get_data(as_text=True)
    again = client.get(ask)
    assert again.status_code == 302 and again.location.endswith(f"/certificates/{certificate.code}.pdf")


def test_an_empty_name_before_download_is_answered_next_to_the_field_and_nothing_downloads(
    client, login, make_user, tiny_course
):
    certificate = earn_certificate(login(make_user()), tiny_course)
    ask = f"/certificates/{certificate.code}/settings?download=pdf"
    response = submit_form(client, ask, {"name": "  ", "language": certificate.language})
    assert response.status_code == 400
    assert "Please write the name for the certificate." in response.get_data(as_text=True)
    db.session.refresh(certificate)
    assert certificate.first_downloaded_at is None
