"""Page controls built from the fields of a core's options type, as the command line builds its flags.

A field's metadata (`matching.options.option`) names its label (and `<label>.help`) in the translation
table; an enum member's label is `<label>.<word>`. Mappings (park and county minimums) are edited by the
page itself.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import streamlit as st

from matching.options import default_of, enum_word, interface_fields, value_type
from matching.ui.i18n import t


def option_controls(
    options_type: type,
    key: str,
    *,
    container: Any = None,
    values: Mapping[str, Any] | None = None,
    skip: Iterable[str] = (),
) -> dict[str, Any]:
    """One control per interface field of `options_type`; returns field name → chosen value (a seed
    left empty is None: drawn by the core and shown with the result)."""
    place = container if container is not None else st
    start = dict(values or {})
    skipped = set(skip)
    chosen: dict[str, Any] = {}
    for field in interface_fields(options_type):
        if field.name in skipped:
            continue
        kind = value_type(options_type, field.name)
        label = str(field.metadata["label"])
        default = start.get(field.name, default_of(field))
        widget = f"{key}.{field.name}"
        minimum, maximum = field.metadata.get("minimum"), field.metadata.get("maximum")
        if kind is bool:
            chosen[field.name] = place.checkbox(
                t(label), value=bool(default), key=widget, help=t(f"{label}.help")
            )
        elif isinstance(kind, type) and issubclass(kind, enum.Enum):
            members = list(kind)
            # said now, in the user's language: the labels are looked up later too (e.g. by AppTest,
            # outside the script run, where the language chosen in the session is not at hand)
            said = {member: t(f"{label}.{enum_word(member)}") for member in members}
            chosen[field.name] = place.selectbox(
                t(label),
                members,
                index=members.index(default),
                format_func=said.__getitem__,
                key=widget,
                placeholder=t("table.pick"),
                help=t(f"{label}.help"),
            )
        elif kind is int and default is None:
            text = place.text_input(
                t(label), key=widget, help=t(f"{label}.help"), placeholder=t("option.drawn")
            )
            chosen[field.name] = int(text) if text.strip().isdigit() else None
        elif kind in (int, float):
            cast = int if kind is int else float
            chosen[field.name] = cast(
                place.number_input(
                    t(label),
                    min_value=None if minimum is None else cast(minimum),
                    max_value=None if maximum is None else cast(maximum),
                    value=cast(default),
                    step=cast(1) if kind is int else 0.05,
                    key=widget,
                    help=t(f"{label}.help"),
                )
            )
    return chosen
