"""Messages about who may do what, personal data and the app's own errors."""

MESSAGES: dict[str, tuple[str, str]] = {}
