"""The core and the cogs never import a platform SDK: hosts are the only translators."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ..conftest import REPO_ROOT

FORBIDDEN = ("discord", "slack_bolt", "slack_sdk", "aiohttp")
NEUTRAL = [REPO_ROOT / "bot" / "core", REPO_ROOT / "cogs"]


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize(
    "path",
    [p for folder in NEUTRAL for p in sorted(folder.rglob("*.py"))],
    ids=lambda p: str(p.relative_to(REPO_ROOT)),
)
def test_no_platform_imports(path: Path) -> None:
    """No module of the core or a cog imports discord, slack or an HTTP client."""
    bad = {m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN}
    assert not bad, f"{path} imports {sorted(bad)}"


def test_the_check_sees_imports(tmp_path: Path) -> None:
    """The detector finds platform imports in every form (so the test above can fail)."""
    sample = tmp_path / "sample.py"
    sample.write_text("import discord.ui\nfrom slack_bolt.async_app import AsyncApp\n")
    assert {m.split(".")[0] for m in imported_modules(sample)} == {"discord", "slack_bolt"}
