"""The layers of pyproject.toml's [tool.importlinter] hold, and the linter would notice if they did not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("matching", "models", "fixtures")
# The entry point of `lint-imports`, run by the interpreter of the tests (importlinter.cli has no __main__).
LINT_IMPORTS = (
    "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
)


def lint_imports(cwd: Path, *args: str, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "250", "NO_COLOR": "1"}  # one line per import in the report
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS, "--config", "pyproject.toml", "--no-cache", "--no-logo", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_contracts_are_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _sources_only(directory: str, names: list[str]) -> set[str]:
    """copytree's ignore: the linter reads only the Python files (not the reference data)."""
    return {
        name
        for name in names
        if name == "__pycache__"
        or (not name.endswith(".py") and not os.path.isdir(os.path.join(directory, name)))
    }


def test_a_core_importing_the_services_breaks_the_contracts(tmp_path: Path) -> None:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=_sources_only)
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    contracts = ("--contract", "layers", "--contract", "pure-cores")

    control = lint_imports(tmp_path, *contracts, pythonpath=tmp_path)
    assert control.returncode == 0, control.stdout + control.stderr

    core = tmp_path / "matching" / "aid" / "scoring.py"
    core.write_text(core.read_text(encoding="utf-8") + "\nimport matching.services\n", encoding="utf-8")
    broken = lint_imports(tmp_path, *contracts, pythonpath=tmp_path)

    report = broken.stdout + broken.stderr
    assert broken.returncode != 0, report
    assert "Contracts: 0 kept, 2 broken." in report, report
    assert "matching.aid.scoring -> matching.services" in report, report
