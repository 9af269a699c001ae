"""Messages of the report area: code → (Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {}
