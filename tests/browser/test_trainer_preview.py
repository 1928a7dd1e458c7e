"""A trainer previews a translated module in Arabic: right to left, as participants will see it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from journeys import COURSE, course_modules, sign_in

pytestmark = pytest.mark.browser

# Space between the element's edges and its rendered text: [right, left].
TEXT_GAPS = """(element) => {
  const range = document.createRange();
  range.selectNodeContents(element);
  const text = range.getBoundingClientRect(), box = element.getBoundingClientRect();
  return [box.right - text.right, text.left - box.left];
}"""


def test_trainer_previews_a_module_in_arabic_right_to_left(live, page, screenshot):
    module = course_modules(live, language="ar")[1][0]
    sign_in(page, "trainer")
    page.goto(f"/trainer/{COURSE}/preview/ar/{module.module_id}/1")
    article = page.locator("main article")
    expect(article).to_have_attribute("lang", "ar")
    expect(article).to_have_attribute("dir", "rtl")
    expect(article.locator("h1")).to_have_text(module.pages[0].title)
    # Right to left for real: the heading's text hugs the right edge, not the left.
    gap_right, gap_left = article.locator("h1").evaluate(TEXT_GAPS)
    assert gap_right < 2 < gap_left, (gap_right, gap_left)
    screenshot(page, "trainer-preview-ar")
    for _ in range(module.page_count):
        page.locator(".pager a.button").click()
    expect(page.locator("main form fieldset, main .question").first).to_be_visible()
    screenshot(page, "trainer-preview-ar-quiz")
