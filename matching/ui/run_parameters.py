"""A stored run's options as people read them: each option by its label from the translation table (the
labels the option controls use, `matching.options.option(label=)`), its value in the reader's language."""

from __future__ import annotations

import re

from matching.messages import MESSAGES
from matching.ui.i18n import t
from matching.ui.strings import STRINGS

# Where an option's label lives: the controls' own labels first, then the runs page's (`runs.param.*`).
LABEL_AREAS = ("option", "jobfair.option", "timetable.option", "aid.option", "runs.param")
# Stored names whose label is the control's under another name.
RENAMED = {
    "term.years": "aid.option.term_years",
    "helpers.load_share": "aid.option.helper_load_share",
    "helpers.max_helped_per_enterprise": "aid.option.helper_max_villages",
}
PLAIN = frozenset({"seed", "year", "previous_run", "seed_from_run"})  # numbers without separators
# The demo's recorded runs stored their source as English text before it was a code.
KNOWN_SOURCES = {
    "demo: the fair's recommended booths as recorded by the organisers": "demo_shortlists",
    "demo: the year's pairs as recorded by the parks": "demo_aid_pairs",
}

# A timetable run's source, stored as English text naming the shortlist run it was made from.
SHORTLIST_SOURCE = re.compile(r"(approved|proposed) pairs of shortlist run (\d+)\b.*")


def _known(key: str) -> bool:
    return key in STRINGS or key in MESSAGES


def _label_key(name: str) -> str | None:
    """The label of the option itself (its last part); None for a name no table knows."""
    if name in RENAMED:
        return RENAMED[name]
    leaf = name.rsplit(".", 1)[-1]
    for area in LABEL_AREAS:
        if _known(f"{area}.{leaf}"):
            return f"{area}.{leaf}"
    return None


def _label(name: str) -> str:
    parts = name.split(".")
    if len(parts) >= 2 and parts[-2] == "weights":  # weights.major, parameters.weights.fit
        part = parts[-1]
        return t("runs.param.weight", part=t(f"component.{part}") if _known(f"component.{part}") else part)
    if (key := _label_key(name)) is not None:
        return t(key)
    # an entry of a mapping option (parameters.min_villages_per_park.BJZ): the option's label and the entry
    for end in range(len(parts) - 1, 0, -1):
        if (key := _label_key(".".join(parts[:end]))) is not None:
            return f"{t(key)} {'.'.join(parts[end:])}"
    return name


def _value(name: str, value: str, label_key: str | None) -> str:
    leaf = name.rsplit(".", 1)[-1]
    if value in ("", "{}", "[]"):
        return t("runs.param.unset")
    if value in ("True", "False"):
        return t("timetable.yes") if value == "True" else t("timetable.no")
    if leaf == "method" and _known(f"method.{value}"):
        return t(f"method.{value}")
    if leaf == "source":
        if shortlist := SHORTLIST_SOURCE.fullmatch(value):
            return t(f"timetable.source.{shortlist.group(1)}", run=shortlist.group(2))
        code = KNOWN_SOURCES.get(value, value)
        return t(f"runs.source.{code}") if _known(f"runs.source.{code}") else value
    if label_key is not None and _known(f"{label_key}.{value}"):  # an enum member: 同一县区
        return t(f"{label_key}.{value}")
    try:
        number = float(value)
    except ValueError:
        return value
    if number.is_integer() and "e" not in value.lower():
        return f"{number:.0f}" if leaf in PLAIN else f"{number:,.0f}"
    return value


def parameters_shown(text: str) -> str:
    """`review.runs`' parameters (`name=value; …`, nested options as `group.name`) as `标签：值；…` in
    the reader's language."""
    if not text:
        return ""
    parts = []
    for pair in text.split("; "):
        name, _, value = pair.partition("=")
        parts.append(t("runs.param.pair", label=_label(name), value=_value(name, value, _label_key(name))))
    return t("runs.param.separator").join(parts)
