"""The words of the stored records that the interfaces use (programmes, statuses, roles, outcome kinds).

Pages and the command line import them from here, never from `models`: the service layer is their only
way to the database.
"""

from models import DecisionAction, Degree, OutcomeKind, Program, ProposalStatus, Role, RunStatus
from models.tables import AID_OUTCOMES, JOBFAIR_OUTCOMES

__all__ = [
    "AID_OUTCOMES",
    "JOBFAIR_OUTCOMES",
    "DecisionAction",
    "Degree",
    "OutcomeKind",
    "Program",
    "ProposalStatus",
    "Role",
    "RunStatus",
]
