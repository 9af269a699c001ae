"""Messages about the audit log's integrity, demo-only commands, backups and restores."""

MESSAGES: dict[str, tuple[str, str]] = {}
