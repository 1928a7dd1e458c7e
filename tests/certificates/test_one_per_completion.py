"""At most one certificate per person, course and completion: the database guards it."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from certificate_helpers import complete_course
from signaal.certificates.issuing import issue_certificate
from signaal.certificates.models import Certificate
from signaal.extensions import db
from signaal.learning.progress import enrolment_of, restart_course

def test_the_database_refuses_a_second_certificate_for_one_completion(app, tiny_course, make_user):
    user = make_user()
    complete_course(user, tiny_course)
    db.session.commit()
    enrolment = enrolment_of(user, "tiny")
    with pytest.raises(IntegrityError):
        issue_certificate(user, tiny_course, "en", enrolment=enrolment)
        db.session.flush()
    db.session.rollback()
    # A new cycle (a renewal) may earn a new one.
    restart_course(user, "tiny")
    complete_course(user, tiny_course)
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(Certificate)) == 2
