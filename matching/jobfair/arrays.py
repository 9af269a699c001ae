"""Array aliases and the few vectorised helpers every job-fair module uses."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
Float32Array = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]
ObjectArray = npt.NDArray[np.object_]

EMPTY_INT: IntArray = np.zeros(0, dtype=np.int64)


def concatenated_ranges(starts: IntArray, lengths: IntArray) -> IntArray:
    """`concatenate([arange(s, s + n) for s, n in zip(starts, lengths)])` without a Python loop."""
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    if total == 0:
        return EMPTY_INT.copy()
    offsets = np.cumsum(lengths) - lengths
    return np.repeat(np.asarray(starts, dtype=np.int64) - offsets, lengths) + np.arange(total, dtype=np.int64)


def offsets_from_counts(counts: IntArray) -> IntArray:
    """CSR offsets (length n + 1) from per-row counts."""
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return offsets


def ordinal_within_groups(group_sorted: IntArray) -> IntArray:
    """0, 1, 2 … restarting at every new value of an already grouped (sorted) array."""
    n = len(group_sorted)
    if n == 0:
        return EMPTY_INT.copy()
    starts = np.ones(n, dtype=bool)
    starts[1:] = group_sorted[1:] != group_sorted[:-1]
    start_index = np.flatnonzero(starts)
    counts = np.diff(np.append(start_index, n))
    return np.arange(n, dtype=np.int64) - np.repeat(start_index, counts)


def is_identity(order: IntArray) -> bool:
    return bool((order == np.arange(len(order))).all())


def distinct(values: IntArray) -> IntArray:
    """Sorted distinct values. (numpy 2's `np.unique` hashes, which is many times slower on large arrays.)"""
    ordered = np.sort(values)
    if len(ordered) == 0:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def first_of_groups(group_sorted: IntArray) -> BoolArray:
    """True at the first element of every run of equal values."""
    keep = np.ones(len(group_sorted), dtype=bool)
    if len(group_sorted) > 1:
        np.not_equal(group_sorted[1:], group_sorted[:-1], out=keep[1:])
    return keep


def bits_needed(upper: int) -> int:
    """Bits to store every integer in [0, upper]."""
    return max(1, int(upper).bit_length())


def sort_by_keys(keys: list[tuple[IntArray, int]]) -> IntArray:
    """Order of rows by several non-negative integer keys (most significant first).

    Callers make the keys unique together (the last key is a lottery or an index), so the order is fully
    determined. Packs the keys into one int64 when their `(array, upper bound)` widths fit in 63 bits (one
    argsort is several times faster than `np.lexsort`), and falls back to `np.lexsort` otherwise.
    """
    widths = [bits_needed(upper) for _, upper in keys]
    if sum(widths) <= 63:
        packed = np.zeros(len(keys[0][0]), dtype=np.int64)
        for (values, _), width in zip(keys, widths, strict=True):
            packed <<= width
            packed |= values.astype(np.int64, copy=False)
        if (packed[1:] >= packed[:-1]).all():  # already in order, as files grouped by person usually are
            return np.arange(len(packed), dtype=np.int64)
        return np.argsort(packed).astype(np.int64, copy=False)
    return np.lexsort([values for values, _ in reversed(keys)]).astype(np.int64, copy=False)
