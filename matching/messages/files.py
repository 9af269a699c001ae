"""Messages about what an imported or exported file may contain: control characters, codes, formulas."""

MESSAGES: dict[str, tuple[str, str]] = {}
