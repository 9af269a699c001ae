"""The data pages' strings: key → (Chinese, English)."""

STRINGS: dict[str, tuple[str, str]] = {}
