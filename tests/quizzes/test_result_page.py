"""The result page shows, for every question, exactly the options the participant chose, and the right ones.

Read from the HTML the server sends: each option of each question with the
tags it carries ("Your answer", "Right answer"). The attempts tick different
options per question, so a page that read the wrong index (the question's
instead of the option's) would show the wrong answers.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from quiz_answers import module_row, take_quiz


class ResultOptions(HTMLParser):
    """Per question (in order): a list of (option text, tags) read from li.answer-option."""

    def __init__(self):
        super().__init__()
        self.questions: list[list[tuple[str, set[str]]]] = []
        self._text: list[str] | None = None  # inside span.option-text
        self._tags: set[str] = set()
        self._tag_text: list[str] | None = None  # inside a .tag
        self._spans = 0  # nesting inside span.option-text
        self._in_options = False  # the verdict above the options is a tag too: not an option's

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "ul" and "answer-options" in classes:
            self.questions.append([])
            self._in_options = True
        elif not self._in_options:
            return
        elif tag == "li" and "answer-option" in classes:
            self.questions[-1].append(("", set()))
            self._tags = set()
        elif tag == "span" and "option-text" in classes:
            self._text, self._spans = [], 0
        elif tag == "span" and self._text is not None:
            self._spans += 1
        elif "tag" in classes:
            self._tag_text = []

    def handle_endtag(self, tag):
        if tag == "ul" and self._text is None:
            self._in_options = False
        elif tag == "span" and self._text is not None:
            if self._spans:
                self._spans -= 1
            else:
                self._set_last(text=" ".join("".join(self._text).split()))
                self._text = None
        elif tag == "strong" and self._tag_text is not None:
            self._tags.add(" ".join("".join(self._tag_text).split()))
            self._set_last(tags=set(self._tags))
            self._tag_text = None

    def handle_data(self, data):
        for collecting in (self._text, self._tag_text):
            if collecting is not None:
                collecting.append(data)

    def _set_last(self, text=None, tags=None):
        old_text, old_tags = self.questions[-1][-1]
        self.questions[-1][-1] = (old_text if text is None else text, old_tags if tags is None else tags)


def shown_options(html: str):
    parser = ResultOptions()
    parser.feed(html)
    return parser.questions


def plain(option_html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", option_html).split())


ATTEMPTS = {
    # question index -> chosen option indices
    "partly wrong": {0: [2], 1: [0, 2]},
    "fully wrong": {0: [0], 1: [1]},
    "fully right": {0: [1], 1: [0, 2]},
}


@pytest.mark.parametrize("attempt", ATTEMPTS)
def test_the_result_shows_the_chosen_and_the_right_options(client, login, make_user, tiny_course, attempt):
    login(make_user(username="rasa"))
    basics = module_row(tiny_course, "basics")
    questions = basics.quiz.questions
    chosen = ATTEMPTS[attempt]
    answers = {f"answer-{q.id}": [str(i) for i in chosen[n]] for n, q in enumerate(questions)}

    response = take_quiz(client, "tiny", "basics", answers)
    html = client.get(response.location).get_data(as_text=True)

    shown = shown_options(html)
    assert len(shown) == len(questions)
    for n, question in enumerate(questions):
        expected = []
        for i, option in enumerate(question.options):
            tags = set()
            if i in chosen[n]:
                tags.add("Your answer")
            if option.correct:
                tags.add("Right answer")
            expected.append((plain(option.html), tags))
        assert shown[n] == expected, f"question {n + 1} of the {attempt} attempt"
    if attempt == "fully right":
        assert "You passed this module" in html
    if attempt == "fully wrong":
        assert "Not passed yet" in html
