"""What every stored run records about its inputs: one hash over the frames the core saw and the settings,
so two runs on the same data and settings can be recognised."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

import pandas as pd


def input_hash(frames: Iterable[pd.DataFrame], settings: dict[str, Any]) -> str:
    digest = hashlib.sha256()
    for frame in frames:
        digest.update(frame.to_csv(index=False).encode("utf-8"))
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode("utf-8"))
    return digest.hexdigest()
