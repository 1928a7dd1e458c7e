"""One spelling per user name (NFKC, case-folded), and no name that looks like a taken one."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from signaal.accounts.models import User
from signaal.accounts.names import normalise_username, username_skeleton
from signaal.accounts.registry import UsernameTaken, create_user
from signaal.extensions import db
from web_forms import PASSWORD, submit_form


def register(client, username: str):
    return submit_form(client, "/account/register", {"username": username, "password": PASSWORD, "confirm": PASSWORD})


def test_names_are_stored_nfkc_and_case_folded():
    assert normalise_username("  ＡNNA ") == "anna"  # full-width A
    assert normalise_username("Straße") == "strasse"
    assert normalise_username("ﬁona") == "fiona"  # the fi ligature


@pytest.mark.parametrize(
    ("taken", "look_alike"),
    [("admin", "аdmin"),  # Cyrillic а
     ("admin", "adrnin"),  # r n
     ("olena", "оlеnа"),  # Cyrillic о, е, а
     ("paul1", "paull"),  # digit one, small L
     ("PAULO", "paul0")],  # capital O (stored as o), digit zero
)
def test_look_alikes_share_a_skeleton(taken, look_alike):
    assert username_skeleton(taken) == username_skeleton(look_alike)


def test_different_names_in_other_scripts_stay_different():
    assert username_skeleton("олена") != username_skeleton("olena")  # л is not n
    assert username_skeleton("мария") != username_skeleton("maria")


def test_a_look_alike_of_a_taken_name_is_refused_with_a_clear_message(client, make_user):
    make_user(username="admin")
    response = register(client, "аdmin")
    assert response.status_code == 400
    assert "This user name looks the same as one that is taken" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 1


def test_a_full_width_spelling_is_the_same_name(client, make_user):
    make_user(username="anna")
    response = register(client, "ａｎｎａ")
    assert "This user name is taken" in response.get_data(as_text=True)


def test_names_in_other_scripts_register(client):
    assert register(client, "Олена").status_code == 302
    assert db.session.scalar(db.select(User.username)) == "олена"


def test_the_database_guards_the_skeleton(app):
    create_user("admin", PASSWORD)
    db.session.commit()
    # Past the check, as two registrations at once would be: the unique column refuses it.
    db.session.add(User(username="аdmin", display_name="x", password_hash="x"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    with pytest.raises(UsernameTaken) as taken:
        create_user("аdmin", PASSWORD)
    assert taken.value.look_alike
