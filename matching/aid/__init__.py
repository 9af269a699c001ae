"""Aid pairing (爱心帮扶): a lead enterprise for every village, as a generalized assignment problem.

Pure core: no database, no Streamlit. The steps, each in its own module:
`validate.problem_from_frames` (frames with the CSV contract's columns → `AidProblem`, scoring pairs
from profiles with `scoring.py` when no pairs are given) → `diagnose.precheck` →
`pairing.solve_pairing` (CP-SAT) → `diagnose.diagnose` when infeasible → `audit.check_pairing`.
`run.pair_villages` chains them for the service and the CLI; `files.pairing_frame` turns a result
into rows (with the value components when asked); `helpers.assign_helpers` adds helper enterprises.
"""

from matching.aid.audit import InvalidPairing, Violation, check_pairing, find_violations
from matching.aid.diagnose import Diagnosis, Finding, FindingKind, best_partial_pairing, diagnose, precheck
from matching.aid.files import pairing_frame
from matching.aid.helpers import HelperOptions, HelperResult, assign_helpers
from matching.aid.pairing import FirstSolution, SolveOptions, solve_pairing
from matching.aid.parameters import AidParameters, ScoringWeights
from matching.aid.problem import AidProblem, Distance, Enterprise, Lock, LockAction, Objective, Pair, Village
from matching.aid.result import PairingResult, Solver
from matching.aid.run import AidOutcome, pair_villages, run_pairing
from matching.aid.validate import FileLabels, problem_from_frames

__all__ = [
    "AidOutcome",
    "AidParameters",
    "AidProblem",
    "Diagnosis",
    "Distance",
    "Enterprise",
    "FileLabels",
    "Finding",
    "FindingKind",
    "FirstSolution",
    "HelperOptions",
    "HelperResult",
    "InvalidPairing",
    "Lock",
    "LockAction",
    "Objective",
    "Pair",
    "PairingResult",
    "ScoringWeights",
    "SolveOptions",
    "Solver",
    "Village",
    "Violation",
    "assign_helpers",
    "best_partial_pairing",
    "check_pairing",
    "diagnose",
    "find_violations",
    "pair_villages",
    "pairing_frame",
    "precheck",
    "problem_from_frames",
    "run_pairing",
    "solve_pairing",
]
