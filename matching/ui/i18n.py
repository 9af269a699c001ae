"""Every string the pages show goes through `t`; Chinese by default, English on request."""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st

from matching.errors import InputError
from matching.messages import MESSAGES, Message
from matching.services.access import PermissionDenied
from matching.ui.strings import STRINGS

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"


def language() -> str:
    lang = st.session_state.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **values: object) -> str:
    """The string for `key` in the user's language (the pages' own strings, then the messages the cores
    and services give); the key itself if it is missing (visible in review). A value that is a `Message`
    is said in the same language."""
    pair = STRINGS.get(key) or MESSAGES.get(key)
    lang = language()
    text = key if pair is None else pair[0 if lang == "zh" else 1]
    if not values:
        return text
    return text.format(**{name: say(v) if isinstance(v, Message) else v for name, v in values.items()})


def say(message: Message) -> str:
    """A core's or service's message (a code and its parameters) in the user's language."""
    return message.text(language())


def number(value: float | int) -> str:
    """Thousands grouped; whole numbers without decimals (2,000; 4,180,000; 0.85)."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def yuan(value: float | int) -> str:
    """An amount of money: grouped, with its unit (4,180,000 元 / 4,180,000 yuan)."""
    return f"{number(value)} 元" if language() == "zh" else f"{number(value)} yuan"


def share(value: float) -> str:
    """A share of 0–1 as a percentage with one decimal (64.2%)."""
    return f"{value * 100:.1f}%"


def day(value: date) -> str:
    """A date: 2026年6月1日 in Chinese, 1 Jun 2026 in English."""
    if language() == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {value.strftime('%b %Y')}"


def moment(value: datetime) -> str:
    """A date with its time of day: 2026年6月1日 09:30 / 1 Jun 2026 09:30."""
    return f"{day(value)} {value:%H:%M}"


def grid_date_format(with_time: bool = False) -> str:
    """The same format for a table's date column (`st.column_config.DateColumn(format=...)`, day.js)."""
    shown = "YYYY年M月D日" if language() == "zh" else "D MMM YYYY"
    return f"{shown} HH:mm" if with_time else shown


def say_error(error: Exception) -> str:
    """An error a person can act on, in the user's language: bad input names file, row and column."""
    if isinstance(error, InputError):
        return error.summary(lang=language())
    if isinstance(error, PermissionDenied):
        return error.text(language())
    return str(error)
