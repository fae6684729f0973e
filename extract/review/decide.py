"""Turning a posted decision form into a `Decision`, or a 4xx `Reject` that says what is wrong.

>>> parse_value("9"), parse_value("17.316"), parse_value("2,5"), parse_value(" 1 234 "), parse_value("2.5")
(9, 17316, 2.5, 1234, 2.5)
>>> try:
...     parse_value("chín")
... except Reject as e:
...     print(e.status, e.message)
400 the corrected value 'chín' is not a number (write it like 9, 17.316 or 2,5)
>>> try:
...     parse_value("9" * 400)
... except Reject as e:
...     print(e.status, e.message)
400 the corrected value '99999999999999999999… (400 characters)' is too large to be a figure (at most 1.000.000.000.000.000); check the number and decide again
"""
from __future__ import annotations

import getpass
import os
import re
from datetime import datetime, timezone

from schemas import Decision, is_edtf

from .data import Outputs

MAX_NOTE = 2000

_THOUSANDS = re.compile(r"""
    ^\d{1,3}           # leading group
    (?:[.\s]\d{3})+$   # then groups of three after a dot or a space: Vietnamese thousands
""", re.VERBOSE)
_DECIMAL = re.compile(r"""
    ^\d+               # whole part
    (?:[.,]\d+)?$      # maybe a decimal part after a dot or a comma
""", re.VERBOSE)


class Reject(Exception):
    """A request the server will not carry out: an HTTP status and a message for the person."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def parse_value(raw: str) -> int | float:
    """A corrected value as a reviewer types it (Vietnamese or plain notation); not negative."""
    text = raw.strip()
    if _THOUSANDS.match(text):
        return _not_too_large(int(re.sub(r"[.\s]", "", text)), raw)
    if _DECIMAL.match(text):
        v = _not_too_large(float(text.replace(",", ".")), raw)
        return int(v) if v.is_integer() else v
    raise Reject(400, f"the corrected value {raw!r} is not a number (write it like 9, 17.316 or 2,5)")


MAX_VALUE = 10 ** 15
"""The largest corrected value taken: more than any figure an article states, and still exact as a JSON
number (a float holds whole numbers exactly up to 2**53)."""


def _not_too_large(value, raw: str):
    """`value`, or a Reject for one too large to be a figure (400 digits would be stored as infinity)."""
    if not value <= MAX_VALUE:      # also catches inf and nan
        text = raw.strip()
        shown = text if len(text) <= 24 else f"{text[:20]}… ({len(text)} characters)"
        most = f"{MAX_VALUE:,}".replace(",", ".")
        raise Reject(400, f"the corrected value {shown!r} is too large to be a figure (at most {most}); "
                          "check the number and decide again")
    return value


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "reviewer"


def one(form: dict[str, list[str]], name: str) -> str:
    values = form.get(name) or [""]
    if len(values) > 1:
        raise Reject(400, f"the form field {name!r} was sent {len(values)} times")
    return values[0].strip()


def decision_from_form(form: dict[str, list[str]], outputs: Outputs, reviewer: str) -> Decision:
    """The Decision a form asks for, with the finding's type, key, time point and claims copied in."""
    finding_id = one(form, "finding_id")
    if not finding_id:
        raise Reject(400, "the form names no finding (finding_id is empty)")
    finding = outputs.by_id(finding_id)
    if finding is None:
        raise Reject(404, f"no finding {finding_id!r} in the outputs (was `ocop run` run again? reload)")
    choice = one(form, "choice")
    note = one(form, "note") or None
    if note and len(note) > MAX_NOTE:
        raise Reject(413, f"a note of {len(note)} characters is longer than {MAX_NOTE}")
    claims = {c.record_id: c for c in finding.claims}
    fields = dict(finding_id=finding.id, finding_type=finding.type, key=finding.key, as_of=finding.as_of,
                  claim_ids=[c.record_id for c in finding.claims], note=note, reviewer=reviewer,
                  decided_at=datetime.now(timezone.utc).isoformat(timespec="microseconds"))
    if choice.startswith("accept:"):
        record_id = choice[len("accept:"):]
        if record_id not in claims:
            raise Reject(400, f"record {record_id!r} is not a claim of finding {finding.id!r}")
        return Decision(action="accept", value=claims[record_id].value, record_id=record_id, **fields)
    if choice == "both_right":
        older = one(form, "older_as_of")
        if not older:
            raise Reject(400, "“both right” needs the date to give the older claim (e.g. 2022-12)")
        if not is_edtf(older):
            raise Reject(400, f"the older claim's date {older!r} is not a date like 2022, 2022-12 or 2022-12-31")
        older_record = one(form, "older_record_id") or None
        if older_record is not None and older_record not in claims:
            raise Reject(400, f"record {older_record!r} is not a claim of finding {finding.id!r}")
        # record_id names the older claim too, for readers that know only record_id
        return Decision(action="both_right", older_as_of=older, older_record_id=older_record,
                        record_id=older_record, **fields)
    if choice == "correct":
        raw = one(form, "value")
        if not raw:
            raise Reject(400, "“correct” needs the corrected value")
        return Decision(action="correct", value=parse_value(raw), **fields)
    if choice == "dismiss":
        return Decision(action="dismiss", **fields)
    raise Reject(400, f"unknown decision {choice!r}: use accept:RECORD_ID, both_right, correct or dismiss")
