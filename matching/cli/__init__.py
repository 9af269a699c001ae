"""The command line, `python -m matching …`: argument parsing only.

One module per area (`jobfair`, `timetable`, `aid`, `data`) builds the core's options object from its flags
(`arguments.add_option_flags` / `options_from_args`) and calls the core (a folder of CSV files) or a service
(stored data): both sources give the core the same input and the same options object.
"""

from matching.cli.main import main

__all__ = ["main"]
