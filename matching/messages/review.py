"""Messages of the review area: code → (Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {}
