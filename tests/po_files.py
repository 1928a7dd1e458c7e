"""Fill in a course's translation catalog the way a translator does in a PO editor."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po


def translate_po(path: Path, translations: dict[str, str], fuzzy: tuple[str, ...] = ()) -> None:
    """Set msgstr for the given msgids (each must be in the file); mark those in `fuzzy` as fuzzy."""
    with path.open("rb") as file:
        catalog = read_po(file)
    for msgid, msgstr in translations.items():
        message = catalog.get(msgid)
        assert message is not None, f"{msgid!r} is not in {path}"
        message.string = msgstr
        if msgid in fuzzy:
            message.flags.add("fuzzy")
        else:
            message.flags.discard("fuzzy")
    with path.open("wb") as file:
        write_po(file, catalog, width=76)


def po_entry(path: Path, msgid: str):
    with path.open("rb") as file:
        return read_po(file).get(msgid)
