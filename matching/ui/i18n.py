"""Every string the pages show goes through `t`; Chinese by default, English on request."""

from __future__ import annotations

from datetime import date

import streamlit as st

from matching.ui.strings import STRINGS

LANGUAGES = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"


def language() -> str:
    lang = st.session_state.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **values: object) -> str:
    """The string for `key` in the user's language; the key itself if it is missing (visible in review)."""
    pair = STRINGS.get(key)
    text = key if pair is None else pair[0 if language() == "zh" else 1]
    return text.format(**values) if values else text


def number(value: float | int) -> str:
    """Thousands grouped; whole numbers without decimals."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if language() == "zh" else value.strftime("%d %b %Y")
