"""Bulk enrolment: a coordinator's CSV of participants, checked first, imported on confirmation.

Stage one (`read_participant_list`) only reads and checks; it returns the good
rows and a problem per bad row with its line number. Stage two
(`import_participants`) creates the accounts for the good rows the
coordinator confirmed, with temporary passwords shown once.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import timedelta

import babel
from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import delete, or_, select

from ..accounts.models import Role, User
from ..accounts.names import normalise_username, username_skeleton
from ..audit.log import record
from ..clock import utcnow
from ..extensions import db
from .models import Group, GroupMember, Membership, Organisation, PendingImport
from .passwords import hash_generated_password, temporary_password

MAX_ROWS = 2000
# An unconfirmed list holds names and e-mail addresses: it is kept one day, not for ever.
PENDING_LIFETIME = timedelta(hours=24)
HEADER_NAMES = {"name": "name", "naam": "name", "e-mail": "email", "email": "email", "language": "language", "taal": "language"}
_NOT_USERNAME = re.compile(r"[^\w.\-]+")


@dataclass
class ParticipantList:
    rows: list[dict] = field(default_factory=list)  # {"line", "name", "email", "language"}
    problems: list[dict] = field(default_factory=list)  # {"line", "reason"}


@dataclass(frozen=True)
class Credential:
    name: str
    username: str
    password: str


def read_participant_list(data: bytes) -> ParticipantList:
    """Check every row of the uploaded CSV; nothing is stored."""
    result = ParticipantList()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.problems.append({"line": 0, "reason": _("The file is not UTF-8 text. In Excel, save it as \"CSV UTF-8\".")})
        return result
    # newline="": a quoted name may hold a line break (RFC 4180), which must stay inside the cell.
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_separator(text), quotechar='"', doublequote=True, strict=True
    )
    columns, seen_emails = ["name", "email", "language"], set()
    try:
        _check_rows(reader, columns, seen_emails, result)
    except csv.Error:
        result.problems.append({"line": reader.line_num, "reason": _("This line is not valid CSV: check its quotation marks.")})
    return result


def _check_rows(reader, columns: list[str], seen_emails: set, result: ParticipantList) -> None:
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if line == 1 and cells[0].strip().casefold() in HEADER_NAMES:
            columns = [HEADER_NAMES.get(cell.strip().casefold(), "") for cell in cells]
            continue
        if len(result.rows) + len(result.problems) >= MAX_ROWS:
            result.problems.append({"line": line, "reason": _("Too many rows: import at most %(max)d at a time.", max=MAX_ROWS)})
            break
        row, reason = _check_row(dict(zip(columns, (cell.strip() for cell in cells))), len(cells) > len(columns), seen_emails)
        if reason:
            result.problems.append({"line": line, "reason": reason})
        else:
            result.rows.append({"line": line, **row})


def _separator(text: str) -> str:
    """The separator the first line uses most, outside quotes: Excel writes ";" in Dutch, "," in English.

    Not csv.Sniffer: it guesses quoting too, and on a first line without doubled
    quotes it turns doubled quotes off, and a name such as Marta "K" (its quotes
    doubled inside a quoted cell, as RFC 4180 writes them) would be read wrongly.
    """
    first_line = text.split("\n", 1)[0]
    outside_quotes = "".join(first_line.split('"')[::2])
    counts = {separator: outside_quotes.count(separator) for separator in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _check_row(cells: dict, extra_cells: bool, seen_emails: set) -> tuple[dict, str | None]:
    name, email, language = cells.get("name", ""), cells.get("email", ""), cells.get("language", "")
    if extra_cells:
        return {}, _("Too many columns: use name, e-mail, language.")
    if not name:
        return {}, _("The name is missing.")
    if len(name) > 120:
        return {}, _("The name is longer than 120 characters.")
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError:
            return {}, _("\"%(email)s\" is not an e-mail address.", email=email)
        if email.casefold() in seen_emails:
            return {}, _("This e-mail address is already in the list.")
        seen_emails.add(email.casefold())
    if language:
        try:
            language = str(babel.Locale.parse(language.replace("-", "_")))
        except (ValueError, babel.UnknownLocaleError):
            return {}, _("\"%(language)s\" is not a language code such as pl, bg or ro.", language=language)
    return {"name": name, "email": email or None, "language": language or None}, None


def import_participants(actor: User, organisation: Organisation, group: Group | None, rows: list[dict]) -> list[Credential]:
    """Create an account per row, in the organisation (and group); return each new login once."""
    credentials, taken = [], set()
    for row in rows:
        username = _free_username(row["name"], taken)
        password = temporary_password()
        user = User(
            username=username,
            display_name=row["name"],
            email=row.get("email"),
            language=row.get("language"),
            role=Role.PARTICIPANT.value,
            password_hash=hash_generated_password(password),
            must_change_password=True,  # the coordinator knows this one
        )
        db.session.add(user)
        db.session.flush()
        db.session.add(Membership(user_id=user.id, organisation_id=organisation.id))
        if group is not None:
            db.session.add(GroupMember(group_id=group.id, user_id=user.id))
        credentials.append(Credential(row["name"], username, password))
    record(actor, "participants.import", f"organisation:{organisation.id}", count=len(rows), group=group.id if group else None)
    db.session.flush()
    return credentials


def _free_username(name: str, taken: set[str]) -> str:
    """marta.kowalska, or marta.kowalska-2 when that (or a name that looks the same) is in use."""
    base = _NOT_USERNAME.sub("", ".".join(normalise_username(name).split()))[:48].strip(".-") or "participant"
    candidate, number = base, 1
    # Free means: neither the name nor a look-alike of it is in use (the skeleton column is unique).
    while username_skeleton(candidate) in taken or db.session.scalar(
        select(User.id).where(or_(User.username == candidate, User.username_skeleton == username_skeleton(candidate)))
    ) is not None:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(username_skeleton(candidate))
    return candidate


def is_expired(pending: PendingImport) -> bool:
    return pending.uploaded_at < utcnow() - PENDING_LIFETIME


def remove_expired_imports() -> int:
    """Delete participant lists uploaded over a day ago and never confirmed; return how many."""
    result = db.session.execute(delete(PendingImport).where(PendingImport.uploaded_at < utcnow() - PENDING_LIFETIME))
    return result.rowcount


def forget_uploads(user: User, *, personal: list[str], **_erasing) -> None:
    """On account deletion: lists the person uploaded, or that name them, are not imported any more."""
    named = {p.casefold() for p in personal}
    for pending in db.session.scalars(select(PendingImport)):
        texts = [str(value).casefold() for row in (*pending.rows, *pending.problems) for value in row.values()]
        if pending.uploaded_by == user.id or any(p in text for p in named for text in texts):
            db.session.delete(pending)
