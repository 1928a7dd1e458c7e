"""In the browser: a one-time password leads straight to "Your password", the policy's reason
shows next to the field, and the person can sign out on every device."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from signaal.accounts.registry import create_user
from signaal.extensions import db

pytestmark = pytest.mark.browser

ONE_TIME = "kq7m-x2ab-9rtd-hh3e"
OWN = "lantaarn kiwi dijkgraaf zomer"


def test_first_sign_in_with_a_one_time_password(live, page: Page):
    with live.app.app_context():
        create_user("given.password", ONE_TIME, chosen_by_owner=False)
        db.session.commit()
    page.goto("/account/login")
    page.get_by_label("User name").fill("given.password")
    page.get_by_label("Password").fill(ONE_TIME)
    page.locator("main form button[type=submit]").click()

    expect(page.get_by_role("heading", name="Your password")).to_be_visible()
    expect(page.get_by_text("Someone else set your password.")).to_be_visible()
    expect(page.get_by_label("Your current password")).to_have_count(0)
    page.goto("/")  # nothing else opens first
    expect(page.get_by_role("heading", name="Your password")).to_be_visible()

    page.get_by_label("New password", exact=True).fill("12345678")
    page.get_by_label("Repeat the new password").fill("12345678")
    page.get_by_role("button", name="Save my password").click()
    expect(page.get_by_text("This password is too easy to guess.")).to_be_visible()

    page.get_by_label("New password", exact=True).fill(OWN)
    page.get_by_label("Repeat the new password").fill(OWN)
    page.get_by_role("button", name="Save my password").click()
    expect(page.get_by_text("Your password is changed. Other devices are signed out.")).to_be_visible()

    page.get_by_role("link", name="Your password").click()
    page.get_by_role("button", name="Sign out on every device").click()
    expect(page.get_by_text("You are signed out on every device.")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
