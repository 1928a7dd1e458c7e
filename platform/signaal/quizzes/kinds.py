"""The kinds of quiz question, each with one interface: how it is answered and graded.

Adding a kind means adding a class here and registering it; the compiler,
the quiz form and grading all look kinds up through `kind_of`.
"""

from __future__ import annotations

from ..courses.compiled import Question


class UnknownQuestionKind(LookupError):
    pass


class InvalidAnswer(ValueError):
    """A submitted answer that no honest form could have sent."""


class QuestionKind:
    input_type: str  # the HTML input that offers the options

    def parse_answer(self, values: list[str], option_count: int) -> tuple[int, ...]:
        """Turn the submitted form values into chosen option indices; raise InvalidAnswer."""
        try:
            chosen = tuple(sorted({int(value) for value in values}))
        except ValueError:
            raise InvalidAnswer("option is not a number") from None
        if any(not 0 <= index < option_count for index in chosen):
            raise InvalidAnswer("option out of range")
        return chosen

    def is_correct(self, chosen: tuple[int, ...], question: Question) -> bool:
        correct = tuple(i for i, option in enumerate(question.options) if option.correct)
        return chosen == correct


class SingleChoice(QuestionKind):
    input_type = "radio"

    def parse_answer(self, values, option_count):
        if len(values) > 1:
            raise InvalidAnswer("several options for a single-choice question")
        return super().parse_answer(values, option_count)


class MultipleChoice(QuestionKind):
    """Select all that apply: right only when exactly the correct set is chosen."""

    input_type = "checkbox"


_KINDS: dict[str, QuestionKind] = {"single": SingleChoice(), "multiple": MultipleChoice()}


def kind_of(question: Question) -> QuestionKind:
    try:
        return _KINDS[question.kind]
    except KeyError:
        raise UnknownQuestionKind(question.kind) from None


def known_kinds() -> frozenset[str]:
    return frozenset(_KINDS)
