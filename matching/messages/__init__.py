"""The translation table: every message a core, service or interface gives, by code, in Chinese and English.

A core never formats a sentence for a person; it names a `Message` (a code and its parameters) and whoever
shows it renders it in the reader's language with `render`. The English text is also what logs and the
command line print (English by default there, `MATCHING_LANG=zh` for Chinese).

The table is split by area (`common`, `findings`, …); each module holds `MESSAGES: code → (Chinese,
English)` and a code lives in exactly one of them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from matching.messages import (
    access,
    aid,
    common,
    files,
    findings,
    imports,
    jobfair,
    outcomes,
    report,
    review,
    security,
    timetable,
)

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "en"  # for logs and the command line; the pages default to Chinese


def merge_tables(*tables: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Tables of (Chinese, English) by key, split by area, as one; a key in two of them is an error."""
    merged: dict[str, tuple[str, str]] = {}
    for table in tables:
        twice = merged.keys() & table.keys()
        if twice:
            raise RuntimeError(f"keys defined twice: {sorted(twice)}")
        merged.update(table)
    return merged


MESSAGES: dict[str, tuple[str, str]] = merge_tables(
    common.MESSAGES,
    findings.MESSAGES,
    jobfair.MESSAGES,
    aid.MESSAGES,
    access.MESSAGES,
    files.MESSAGES,
    imports.MESSAGES,
    security.MESSAGES,
    outcomes.MESSAGES,
    review.MESSAGES,
    timetable.MESSAGES,
    report.MESSAGES,
)


def cli_language() -> str:
    """The command line's language: `MATCHING_LANG` (zh or en), English by default."""
    lang = os.environ.get("MATCHING_LANG", "").strip().lower()[:2]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def render(code: str, params: Mapping[str, Any] | None = None, lang: str = DEFAULT_LANGUAGE) -> str:
    """The message `code` in `lang`, filled with `params`. An unknown code comes back as itself with its
    parameters, so that a missing translation is visible (and a test fails on it) but nothing is lost."""
    pair = MESSAGES.get(code)
    values = dict(params or {})
    if pair is None:
        return code + (f" {values}" if values else "")
    template = pair[0] if lang == "zh" else pair[1]
    values = {key: _localised(value, lang) for key, value in values.items()}
    return template.format(**values) if values else template


def _localised(value: Any, lang: str) -> Any:
    """A nested message (a parameter that is itself a `Message`) is rendered in the same language."""
    return value.text(lang) if isinstance(value, Message) else value


@dataclass(frozen=True)
class Message:
    """A code from the table and its parameters: what results and findings carry instead of a sentence."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return render(self.code, self.params, lang)

    def __str__(self) -> str:
        return self.text()

    def to_json(self) -> dict[str, Any]:
        """For a run's stored parameters (nested messages flattened to their own JSON)."""
        return {
            "code": self.code,
            "params": {
                key: value.to_json() if isinstance(value, Message) else value
                for key, value in self.params.items()
            },
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Message:
        params = {
            key: cls.from_json(value) if isinstance(value, Mapping) and "code" in value else value
            for key, value in dict(data.get("params", {})).items()
        }
        return cls(str(data["code"]), params)
