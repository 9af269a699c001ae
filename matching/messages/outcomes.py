"""Messages of the outcomes area: code → (Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {}
