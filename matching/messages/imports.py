"""Messages about importing records: concurrent imports, conflicts."""

MESSAGES: dict[str, tuple[str, str]] = {}
