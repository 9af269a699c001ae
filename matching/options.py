"""What the three cores' options have in common: the shared names and the one seed policy.

Every core's options type uses the same names for the same things — `time_limit` (seconds for the whole
solve), `workers` (solver threads; None = one per CPU) and `seed` — and one seed policy: `seed=None` means
"draw one", the core draws it with `draw_seed` and its result reports the seed it used, so any run can be
repeated by giving that seed back.

Option fields carry `metadata` for the interfaces (`option(...)`): the message code of their label and help
(in `matching.messages`), and bounds. The command line and the pages build their controls from the fields,
so an option that does not reach the core cannot exist.
"""

from __future__ import annotations

import dataclasses
import enum
import math
import os
import secrets
import types
import typing
from collections.abc import Mapping
from typing import Any

from matching.errors import InputError, InputProblem

SEED_BOUND = 2**31  # drawn seeds are below this, so they are easy to type back


def enum_word(member: enum.Enum) -> str:
    """How a member is written on the command line and stored with a run: its value, or the lower-case
    name of a number enum (`Distance.SAME_CITY` → `same_city`)."""
    return member.value if isinstance(member.value, str) else member.name.lower()


def draw_seed() -> int:
    return secrets.randbelow(SEED_BOUND)


def resolve_seed(seed: int | None) -> int:
    """The seed a solve uses: the one given, or a fresh draw."""
    return draw_seed() if seed is None else seed


def worker_count(workers: int | None) -> int:
    return workers or os.cpu_count() or 1


def option(
    default: Any = dataclasses.MISSING,
    *,
    label: str,
    minimum: float | None = None,
    maximum: float | None = None,
    default_factory: Any = dataclasses.MISSING,
    flag: str | None = None,
    interface: bool = True,
) -> Any:
    """A dataclass field of an options type with what the interfaces need to offer it.

    `label` is a message code: `<label>` is the control's label, `<label>.help` its help text.
    `interface=False` hides a tuning knob from the command line and the pages (it stays an option of the
    core and is still stored with a run).
    """
    metadata = {"label": label, "minimum": minimum, "maximum": maximum, "flag": flag, "interface": interface}
    if default_factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def interface_fields(options_type: type) -> list[dataclasses.Field[Any]]:
    """The fields of an options type that the interfaces offer (see `option`)."""
    return [f for f in dataclasses.fields(options_type) if f.metadata.get("interface")]


def value_type(options_type: type, name: str) -> Any:
    """The type of field `name` (`int | None` → int)."""
    hint = typing.get_type_hints(options_type)[name]
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        (hint,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    return hint


def default_of(field: dataclasses.Field[Any]) -> Any:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return None


def option_error(code: str, /, **params: Any) -> InputError:
    """A bad option value as a coded error (a ValueError): `code` from the translation table
    (`matching/messages/imports.py`, `option_error.*`), which names the option; the command line and the
    pages say it in the reader's language. `value` is shown as Python writes it (`nan`, `'x'`)."""
    shown = {key: repr(value) if key == "value" else value for key, value in params.items()}
    return InputError(InputProblem.of("", code, None, None, **shown))


def check_common(time_limit: float | None, workers: int | None, seed: int | None) -> None:
    """The checks every options type shares (a coded ValueError naming the field, see `option_error`)."""
    if time_limit is not None and not (math.isfinite(time_limit) and time_limit > 0):
        raise option_error("option_error.time_limit", value=time_limit)
    if workers is not None and workers < 1:
        raise option_error("option_error.workers", value=workers)
    if seed is not None and not 0 <= seed < SEED_BOUND:
        raise option_error("option_error.seed", value=seed, bound=SEED_BOUND)


def as_parameters(options: Any) -> dict[str, Any]:
    """An options object as JSON for a run's stored parameters: enums by value, nested options as dicts."""
    return _plain(dataclasses.asdict(options))


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return enum_word(value)
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
