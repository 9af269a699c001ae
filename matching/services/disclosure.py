"""One guard for personal data: masked on every page, and every file that leaves the service checked and
logged.

A graduate's name and phone (and an enterprise contact's) are masked wherever they are shown; only
`review.reveal_graduate` unmasks, with the permission, and logs it. Every file the service hands out —
exports, page downloads, timetables and itineraries, run listings — passes `release`: a file about
graduates needs the personal-data permission and a stated purpose, any other file the export permission,
and each is logged with its row count.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from matching.errors import InputError, InputProblem
from matching.services import audit
from matching.services.access import Action, Actor, require


def mask_phone(phone: str | None) -> str:
    """138****5678: enough to recognise, not enough to call."""
    if not phone:
        return ""
    digits = phone.strip()
    return digits[:3] + "*" * max(0, len(digits) - 7) + digits[-4:] if len(digits) > 7 else "****"


def mask_name(name: str | None) -> str:
    """张** : the family name, enough to tell people apart at a booth."""
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


class PurposeRequired(InputError):
    """A file with personal data was asked for without saying why."""


def check_release(actor: Actor, *, personal: bool, purpose: str | None) -> None:
    """Refuse before any work is done: the permission, and for personal data a purpose."""
    if not personal:
        require(actor, Action.EXPORT_DATA)
        return
    require(actor, Action.EXPORT_PERSONAL)
    if not (purpose and purpose.strip()):
        raise PurposeRequired(
            InputProblem(
                "(purpose)",
                "this file holds graduates' personal data; state the purpose of the download",
                code="access.purpose_required",
            )
        )


def release(
    session: Session,
    actor: Actor,
    *,
    what: str,
    file_name: str,
    rows: int,
    personal: bool,
    purpose: str | None = None,
) -> None:
    """Check and log one file leaving the service (in the caller's transaction)."""
    check_release(actor, personal=personal, purpose=purpose)
    audit.record(
        session,
        actor.username,
        "download",
        what,
        file_name,
        {"rows": rows, "personal": personal, "purpose": (purpose or "").strip() or None},
    )
