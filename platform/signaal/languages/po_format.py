"""PO files with the previous source text of a fuzzy entry (`#| msgid`), written and read correctly.

Translators' tools (Poedit, msgmerge) show a fuzzy entry's `#| msgid` so the
translator sees what changed in the source. Babel writes those lines through
its comment wrapper, which breaks a long text in the middle of a quoted string,
and reads them back as translator comments (python-babel/babel#206), so every
later update added stale `# | msgid` comments. Both catalogs (the interface's
and each course's) are read and written here instead.
"""

from __future__ import annotations

import io
import re
from itertools import chain

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import normalize, read_po, unescape, write_po

# A quoted PO string, and a keyword with the strings that follow it.
QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
KEYWORD = re.compile(r'(msgid_plural|msgid)\s+((?:"(?:[^"\\]|\\.)*"\s*)+)')


def read_catalog(data: bytes, **options) -> Catalog:
    """A catalog read with Babel, each fuzzy entry's `#| msgid` back as its previous_id."""
    catalog = read_po(io.BytesIO(data), **options)
    for message in chain(catalog, catalog.obsolete.values()):
        _take_back_previous_id(message)
    return catalog


def update_catalog(catalog: Catalog, template: Catalog) -> None:
    """Babel's merge of the template into the catalog, keeping what still-fuzzy entries knew of their old text.

    Babel's merge builds each entry anew from the template and forgets its
    previous_id, so an entry left fuzzy would lose its `#| msgid` at the next update.
    """
    previous = {message.id: message.previous_id for message in catalog if message.id and message.fuzzy and message.previous_id}
    catalog.update(template, update_creation_date=False)
    for message in catalog:
        if message.fuzzy and not message.previous_id and message.id in previous:
            message.previous_id = previous[message.id]


def catalog_bytes(catalog: Catalog, *, width: int) -> bytes:
    """The catalog as a PO file, a fuzzy entry that knows its previous source text with `#| msgid` lines."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=width)
    text = buffer.getvalue().decode(catalog.charset)
    for message in catalog:
        if message.id and message.fuzzy and message.previous_id:
            entry = _msgid_lines(message, width)
            text = text.replace("\n" + entry, "\n" + _previous_lines(message, width) + entry, 1)
    return text.encode(catalog.charset)


def _take_back_previous_id(message: Message) -> None:
    # Babel keeps a `#| …` line as the translator comment "| …".
    previous = [comment[1:].strip() for comment in message.user_comments if comment.startswith("|")]
    if not previous:
        return
    message.user_comments = [comment for comment in message.user_comments if not comment.startswith("|")]
    if message.fuzzy and not message.previous_id:
        # Joined with a space: Babel's own writer broke such a line at a space.
        message.previous_id = [
            "".join(unescape(quoted) for quoted in QUOTED.findall(strings))
            for _keyword, strings in KEYWORD.findall(" ".join(previous))
        ]


def _msgid_lines(message: Message, width: int) -> str:
    """The msgctxt, msgid and msgid_plural lines exactly as write_po writes them."""
    ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    lines = [f"msgctxt {normalize(message.context, width=width)}"] if message.context else []
    lines.append(f"msgid {normalize(ids[0], width=width)}")
    if len(ids) > 1:
        lines.append(f"msgid_plural {normalize(ids[1], width=width)}")
    return "\n".join(lines) + "\n"


def _previous_lines(message: Message, width: int) -> str:
    lines = [f"msgid {normalize(message.previous_id[0], width=width)}"]
    if len(message.previous_id) > 1:
        lines.append(f"msgid_plural {normalize(message.previous_id[1], width=width)}")
    return "".join(f"#| {line}\n" for line in "\n".join(lines).split("\n"))
