"""The help card: first steps and contacts for a course's audience, from help-card.yml.

help-card.yml is the one place per course for phone numbers, web addresses and
legal amounts, so an organisation updates them there before a pilot. It is
checked like course.yml (unknown keys with a suggestion, `file:line` problems);
each contact and fact is a small mapping of its own, checked against its own
table, with problems pointing at its line.
"""

from __future__ import annotations

import re
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import yaml

from .compiled import Contact, Fact, HelpCard
from .problems import Problem, error
from .reading import decode_text
from .segments import YAML_TITLE, Segment
from .settings import Invalid, Key, check_keys, construct_mapping, iso_date, load_mapping, text

HELP_CARD_FILE = "help-card.yml"
# The editor's list of facts still to verify: checked as text, never compiled into the card.
VERIFY_KEY = "verify"


def item_list(value: Any) -> list:
    if not isinstance(value, list):
        raise Invalid("must be a list — put each item on its own line starting with \"- \"")
    return value


def phone_text(value: Any) -> str:
    # Unquoted, YAML reads 0123 as the octal number 83 and drops the leading 0 of others.
    if not isinstance(value, str):
        raise Invalid(f"must be text in quotes, not {value!r} — write e.g. phone: \"0800 7000\"")
    return text(value)


def https_url(value: Any) -> str:
    address = text(value)
    parts = urlsplit(address)
    if parts.scheme != "https" or not parts.netloc or any(char.isspace() for char in address):
        raise Invalid(f"must be a web address starting with https://, not \"{address}\" — e.g. https://www.fairwork.nu")
    return address


CARD_KEYS: dict[str, Key] = {
    "checked": Key(iso_date, default=None),  # when the facts were last checked
    "title": Key(text, example="\"Where to get help\""),
    "steps": Key(item_list, default=[]),  # what to do first, in order
    "contacts": Key(item_list, default=[]),
    "facts": Key(item_list, default=[]),  # legal amounts and dates, with their source
    VERIFY_KEY: Key(item_list, default=[]),  # editor's notes: facts to verify; never shown to participants
}
CONTACT_KEYS: dict[str, Key] = {
    "name": Key(text, example="\"FairWork\""),
    "what": Key(text, default=None),  # what they help with
    "phone": Key(phone_text, default=None),
    "url": Key(https_url, default=None),
}
FACT_KEYS: dict[str, Key] = {
    "name": Key(text, example="\"Statutory minimum wage\""),
    "value": Key(text, example="\"EUR 14.71 per hour\""),
    "source": Key(https_url, default=None),
}
# The fields a translator translates; addresses and dates stay as they are.
TRANSLATABLE = {"title": (), "steps": (), "contacts": ("name", "what", "phone"), "facts": ("name", "value")}


def read_help_card(folder: Path, files: dict[str, bytes], problems: list[Problem]) -> HelpCard | None:
    """The course's help card, or None when it has none or it cannot be read."""
    if HELP_CARD_FILE not in files:
        return None
    path = Path(folder) / HELP_CARD_FILE
    card_text = decode_text(path, files[HELP_CARD_FILE], problems)
    return parse_help_card(card_text, path, problems) if card_text is not None else None


def parse_help_card(card_text: str, path: Path, problems: list[Problem]) -> HelpCard | None:
    """Check help-card.yml and build the HelpCard; None when it has errors."""
    found: list[Problem] = []
    mapping = load_mapping(card_text, path, 1, found)
    if mapping is not None:
        settings = check_keys(mapping, CARD_KEYS, path, found)
        loader = yaml.SafeLoader(card_text)
        try:
            items = list_nodes(loader.get_single_node())
            steps = [read_step(node, loader, path, found) for node in items.get("steps", [])]
            contacts = [read_item(node, loader, CONTACT_KEYS, path, found) for node in items.get("contacts", [])]
            facts = [read_item(node, loader, FACT_KEYS, path, found) for node in items.get("facts", [])]
            for node in items.get(VERIFY_KEY, []):
                read_step(node, loader, path, found, what="verify: item")
        finally:
            loader.dispose()
    problems.extend(found)
    if mapping is None or any(problem.severity == "error" for problem in found):
        return None
    return HelpCard(
        title=settings["title"],
        steps=tuple(steps),
        contacts=tuple(Contact(**contact) for contact in contacts),
        facts=tuple(Fact(**fact) for fact in facts),
        checked=settings["checked"],
    )


def list_nodes(root: yaml.Node | None) -> dict[str, list[yaml.Node]]:
    """The items of each top-level list, as YAML nodes that know their line."""
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {str(key.value): value.value for key, value in root.value if isinstance(value, yaml.SequenceNode)}


def read_step(node: yaml.Node, loader: yaml.SafeLoader, path: Path, problems: list[Problem], what: str = "step") -> str:
    line = node.start_mark.line + 1
    try:
        if not isinstance(node, yaml.ScalarNode):
            raise Invalid("must be one line of text — write it as - \"Call 112.\"")
        return text(loader.construct_object(node))
    except Invalid as exc:
        problems.append(error(path, line, f"{what} {exc}"))
        return ""


def read_item(node: yaml.Node, loader: yaml.SafeLoader, table: dict[str, Key], path: Path, problems: list[Problem]) -> dict[str, Any]:
    """Check one contact or fact; a problem without a line of its own gets the item's line."""
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        problems.append(error(path, line, f"expected \"key: value\" lines here — start the item with \"- {next(iter(table))}: ...\" and put {', '.join(table)} under it"))
        return {}
    found: list[Problem] = []
    item = check_keys(construct_mapping(loader, node, path, 1, found), table, path, found)
    problems.extend(replace(problem, line=problem.line or line) for problem in found)
    return item


def help_card_record(card: HelpCard) -> dict[str, Any]:
    """The help card as JSON for storing with a published version."""
    record = asdict(card)
    record["checked"] = card.checked.isoformat() if card.checked else None
    return record


def help_card_segments(card_text: str) -> list[Segment]:
    """Every translatable string of help-card.yml with its line, in file order.

    For the translation workflow: the same strings translate_help_card() looks
    up, so a catalog built from these covers the whole card.
    """
    try:
        root = yaml.compose(card_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []  # the check reports it
    if not isinstance(root, yaml.MappingNode):
        return []
    segments = []
    for key, value in root.value:
        fields = TRANSLATABLE.get(str(key.value))
        if fields is None:
            continue
        if isinstance(value, yaml.ScalarNode):
            segments.append(scalar_segment(value))
        for item in value.value if isinstance(value, yaml.SequenceNode) else []:
            if isinstance(item, yaml.ScalarNode):
                segments.append(scalar_segment(item))
            elif isinstance(item, yaml.MappingNode):
                segments.extend(scalar_segment(v) for k, v in item.value if k.value in fields and isinstance(v, yaml.ScalarNode))
    return [segment for segment in segments if segment.text]


def scalar_segment(node: yaml.ScalarNode) -> Segment:
    return Segment(str(node.value).strip(), node.start_mark.line + 1, YAML_TITLE)


def translate_help_card(card: HelpCard, translate: Callable[[str], str]) -> HelpCard:
    """The card with every translatable string passed through translate (e.g. a catalog's gettext)."""
    def maybe(value: str | None) -> str | None:
        return translate(value) if value else value

    return replace(
        card,
        title=translate(card.title),
        steps=tuple(translate(step) for step in card.steps),
        contacts=tuple(replace(c, name=translate(c.name), what=maybe(c.what), phone=maybe(c.phone)) for c in card.contacts),
        facts=tuple(replace(f, name=translate(f.name), value=translate(f.value)) for f in card.facts),
    )


# The dialable part at the start of a phone text: "0800 5151 (free)" -> "0800 5151".
DIALABLE = re.compile(r"^\s*(\+?\d[\d ]*\d|\d)")


def split_phone(phone: str) -> tuple[str, str]:
    """Split a phone text into its leading number (empty if none) and the words after it."""
    match = DIALABLE.match(phone or "")
    if match is None:
        return "", phone or ""
    return match.group(1), phone[match.end():]


def tel_href(number: str) -> str:
    """A tel: address for a number as written: spaces left out."""
    return "tel:" + number.replace(" ", "")
