"""Messages of the timetable area: code → (Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {}
