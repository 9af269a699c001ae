"""The one place where float values and loads become the integers CP-SAT needs.

Values are rounded to 1/VALUE_SCALE of a point. Loads are rounded UP and budgets DOWN to
1/LOAD_SCALE of a yuan, so an integer solution always keeps the real budgets (it may, in a rare
tie at the last cent, refuse a pairing that fits exactly to within a cent).
"""

from __future__ import annotations

import numpy as np

VALUE_SCALE = 1000
LOAD_SCALE = 100
# Products such as 0.1 * 100 = 10.000000000000002 must not round up to 11.
_ROUNDING_SLACK = 1e-6


def scaled_values(values: np.ndarray) -> np.ndarray:
    return np.rint(np.asarray(values, dtype=np.float64) * VALUE_SCALE).astype(np.int64)


def scaled_loads(loads: np.ndarray) -> np.ndarray:
    return np.ceil(np.asarray(loads, dtype=np.float64) * LOAD_SCALE - _ROUNDING_SLACK).astype(np.int64)


def scaled_capacities(capacities: np.ndarray) -> np.ndarray:
    return np.floor(np.asarray(capacities, dtype=np.float64) * LOAD_SCALE + _ROUNDING_SLACK).astype(np.int64)


def unscaled_value(scaled: float) -> float:
    return scaled / VALUE_SCALE
