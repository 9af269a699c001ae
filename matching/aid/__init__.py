"""Aid pairing (爱心帮扶): a lead enterprise for every village, as a generalized assignment problem.

Pure core: no database, no Streamlit. The steps, each in its own module:
`validate.problem_from_frames` (frames with the CSV contract's columns → `AidProblem`, scoring pairs
from profiles with `scoring.py` when no pairs are given) → `diagnose.precheck` →
`pairing.solve_pairing` (CP-SAT) → `diagnose.diagnose` when infeasible → `audit.check_pairing`.
`run.pair_villages` chains them for the service and the CLI; `files.pairing_frame` turns a result
into rows (with the value components when asked); `helpers.assign_helpers` adds helper enterprises.
"""

# Submodules load on first use, so `python -m matching …` starts without every solver.
from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "AidOutcome": "matching.aid.run",
    "AidParameters": "matching.aid.parameters",
    "AidProblem": "matching.aid.problem",
    "Diagnosis": "matching.aid.diagnose",
    "Distance": "matching.aid.problem",
    "Enterprise": "matching.aid.problem",
    "FileLabels": "matching.aid.validate",
    "FindingKind": "matching.aid.diagnose",
    "FirstSolution": "matching.aid.pairing",
    "HelperOptions": "matching.aid.helpers",
    "HelperResult": "matching.aid.helpers",
    "InvalidPairing": "matching.aid.audit",
    "Lock": "matching.aid.problem",
    "LockAction": "matching.aid.problem",
    "Objective": "matching.aid.problem",
    "Pair": "matching.aid.problem",
    "PairingResult": "matching.aid.result",
    "ScoringWeights": "matching.aid.parameters",
    "SolveOptions": "matching.aid.pairing",
    "Solver": "matching.aid.result",
    "Village": "matching.aid.problem",
    "Violation": "matching.aid.audit",
    "assign_helpers": "matching.aid.helpers",
    "best_partial_pairing": "matching.aid.diagnose",
    "check_pairing": "matching.aid.audit",
    "diagnose": "matching.aid.diagnose",
    "find_violations": "matching.aid.audit",
    "pair_villages": "matching.aid.run",
    "pairing_frame": "matching.aid.files",
    "precheck": "matching.aid.diagnose",
    "problem_from_frames": "matching.aid.validate",
    "run_pairing": "matching.aid.run",
    "solve_pairing": "matching.aid.pairing",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
