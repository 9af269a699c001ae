"""Who may do what. Every service action checks the actor's role and park scope itself: the pages only
hide what a role cannot use; they are not the guard."""

from __future__ import annotations

import enum
import getpass
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Select

from matching.messages import Message
from models import Enterprise, Role


class Action(enum.StrEnum):
    VIEW_DATA = "view_data"  # browse records, personal fields masked
    VIEW_GRADUATES = "view_graduates"  # the graduates themselves (masked): the job fair's people only
    VIEW_REPORTS = "view_reports"  # aggregate figures only
    IMPORT_DATA = "import_data"
    EXPORT_DATA = "export_data"  # exports without personal columns
    REVEAL_PERSONAL = "reveal_personal"  # unmask phone numbers and names (logged)
    EXPORT_PERSONAL = "export_personal"  # exports with personal columns (purpose stated, logged)
    RUN_JOBFAIR = "run_jobfair"
    DECIDE_JOBFAIR = "decide_jobfair"
    SCHEDULE_JOBFAIR = "schedule_jobfair"
    RECORD_JOBFAIR_OUTCOME = "record_jobfair_outcome"
    RUN_AID = "run_aid"
    DECIDE_AID = "decide_aid"
    RECORD_AID_OUTCOME = "record_aid_outcome"
    MANAGE_USERS = "manage_users"
    MAINTAIN = "maintain"  # retention, backups, audit verification, demo reset


PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.ORGANISER: frozenset(
        {
            Action.VIEW_DATA,
            Action.VIEW_GRADUATES,
            Action.VIEW_REPORTS,
            Action.IMPORT_DATA,
            Action.EXPORT_DATA,
            Action.REVEAL_PERSONAL,
            Action.EXPORT_PERSONAL,
            Action.RUN_JOBFAIR,
            Action.DECIDE_JOBFAIR,
            Action.SCHEDULE_JOBFAIR,
            Action.RECORD_JOBFAIR_OUTCOME,
        }
    ),
    Role.PARK_OFFICIAL: frozenset(
        {
            Action.VIEW_DATA,
            Action.VIEW_REPORTS,
            Action.EXPORT_DATA,
            Action.DECIDE_AID,
            Action.RECORD_AID_OUTCOME,
        }
    ),
    Role.VIEWER: frozenset({Action.VIEW_REPORTS}),
}

# A park official may do these only for enterprises of their own park. Running the pairing is the city
# coordinator's: budgets and village counts of every park's enterprises interact.
PARK_SCOPED: frozenset[Action] = frozenset({Action.DECIDE_AID, Action.RECORD_AID_OUTCOME})


class PermissionDenied(PermissionError):
    """The actor's role or park scope does not allow the action; says so in the reader's language."""

    def __init__(self, actor: Actor, action: Action, *, park: bool = False):
        self.message = Message(
            "access.denied_park" if park else "access.denied",
            {
                "user": actor.username,
                "role": Message(f"role.{actor.role.value}"),
                "action": Message(f"action.{action.value}"),
            },
        )
        super().__init__(self.message.text())

    def text(self, lang: str) -> str:
        return self.message.text(lang)


@dataclass(frozen=True)
class Actor:
    username: str
    role: Role
    user_id: int | None = None
    park_id: int | None = None  # a park official's park

    @staticmethod
    def operator() -> Actor:
        """Whoever runs the CLI on the server: an administrator, named after the OS user in the audit log."""
        try:
            name = getpass.getuser()
        except OSError:  # no user name in some containers
            name = "unknown"
        return Actor(f"cli:{name}", Role.ADMIN)

    @staticmethod
    def system(name: str = "system") -> Actor:
        return Actor(name, Role.ADMIN)

    def may(self, action: Action, park_id: int | None = None) -> bool:
        if action not in PERMISSIONS[self.role]:
            return False
        if self.role is Role.PARK_OFFICIAL and action in PARK_SCOPED:
            return park_id is not None and park_id == self.park_id
        return True


def require(actor: Actor, action: Action, park_id: int | None = None) -> None:
    if action not in PERMISSIONS[actor.role]:
        raise PermissionDenied(actor, action)
    if not actor.may(action, park_id):
        raise PermissionDenied(actor, action, park=True)


def park_scope(actor: Actor) -> int | None:
    """The park a park official's views are limited to; None for the city-wide roles."""
    return actor.park_id if actor.role is Role.PARK_OFFICIAL else None


Selected = TypeVar("Selected", bound=Select)


def own_park_only(statement: Selected, actor: Actor) -> Selected:
    """Limit a statement that joins Enterprise to a park official's own park (others see every park)."""
    park = park_scope(actor)
    return statement.where(Enterprise.park_id == park) if park is not None else statement
