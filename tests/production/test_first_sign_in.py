"""`make run` (flask setup) still prints one-time passwords; the first sign-in with one leads
straight to "choose your password"."""

from __future__ import annotations

import re

from web_forms import submit_form

NEW_PASSWORD = "lantaarn kiwi dijkgraaf zomer"


def test_setup_prints_one_time_passwords_that_must_be_replaced(bare_app):
    # As make run, without the demo organisation (its coordinator is made the same way, and slowly).
    result = bare_app.test_cli_runner().invoke(args=["setup", "--no-demo"])
    assert result.exit_code == 0, result.output
    accounts = re.findall(r"user name: (\S+)\n\s+password:\s+(\S+)", result.output)
    assert [name for name, _ in accounts] == ["admin"]
    for username, one_time in accounts:
        client = bare_app.test_client()
        signed_in = submit_form(client, "/account/login", {"username": username, "password": one_time})
        assert signed_in.location == "/account/password"
        page = client.get("/").location
        assert page == "/account/password"
        assert "Someone else set your password" in client.get(page).get_data(as_text=True)
        chosen = submit_form(client, "/account/password", {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
        assert chosen.status_code == 302
        assert client.get("/account/data/").status_code == 200
