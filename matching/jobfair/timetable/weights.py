"""The timetable's objective in integers: the one place where fit scores and wish ranks are scaled for CP-SAT.

The solver maximises

    Σ over placed interviews  (weight + IDLE_SLOT_PENALTY × (1 + gap_slots) + MOVE_PENALTY if kept in place)
    − IDLE_SLOT_PENALTY × Σ over graduates (last slot − first slot)

- weight = WEIGHT_SCALE × (1 + FIT_SHARE × score / highest score + WISH_SHARE / wish rank), between
  1,000 (no score, not wished) and 3,000 (the best score, first choice): placing any interview matters
  most, and among interviews the better fit and the higher wish win.
- Idle time is the secondary term, lexicographic in practice: one idle slot costs 1 against at least 1,000
  for an interview, so it only breaks ties (two solves would double the time for the same timetables).
  The credit of (1 + gap_slots) per placed interview cancels the span an adjacent interview adds, so the
  penalty counts only waiting beyond the walking gap.
- Moves: an interview that had a slot (previous timetable, or a `start`) earns MOVE_PENALTY when it keeps
  it, i.e. moving or dropping it costs MOVE_PENALTY. That is four best-case interviews: the solver moves an
  interview only to place more than three others, and drops one only when it cannot move it.
"""

from __future__ import annotations

import numpy as np

from matching.jobfair.timetable.problem import FloatArray, IntArray

WEIGHT_SCALE = 1_000  # objective units of a placed interview before fit and wish
FIT_SHARE = 1.0  # extra weight (in units of WEIGHT_SCALE) of the best-scoring interview
WISH_SHARE = 1.0  # extra weight of a first choice; wish rank r earns WISH_SHARE / r
MAX_WEIGHT = round(WEIGHT_SCALE * (1 + FIT_SHARE + WISH_SHARE))
IDLE_SLOT_PENALTY = 1  # per slot a graduate waits between interviews beyond the walking gap
MOVE_PENALTY = 4 * MAX_WEIGHT  # moving or dropping an interview that had a slot


def interview_weights(score: FloatArray, wish_rank: IntArray) -> IntArray:
    """Integer weight per interview from its fit score (NaN = none, 0 ≤ score) and wish rank (≤ 0 = none).

    Scores are divided by the highest score of the fair, so any scale (0–1, 0–100) gives the same weights.
    """
    score = np.asarray(score, dtype=np.float64)
    finite = np.isfinite(score)
    highest = float(score[finite].max()) if finite.any() else 0.0
    fit = np.where(finite, score, 0.0) / highest if highest > 0 else np.zeros(len(score))
    rank = np.asarray(wish_rank, dtype=np.int64)
    wish = np.where(rank > 0, 1.0 / np.maximum(rank, 1), 0.0)
    weights: IntArray = np.rint(WEIGHT_SCALE * (1.0 + FIT_SHARE * fit + WISH_SHARE * wish)).astype(np.int64)
    return weights


def placement_gain(weights: IntArray, gap_slots: int) -> IntArray:
    """Objective gain of placing each interview (before any bonus for keeping its slot)."""
    gain: IntArray = weights + IDLE_SLOT_PENALTY * (1 + gap_slots)
    return gain
