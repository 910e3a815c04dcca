"""``orgbot --version``: the version pip installed."""

from __future__ import annotations

from importlib import metadata

import pytest

from bot.__main__ import main


def test_version_is_the_installed_packages(capsys: pytest.CaptureFixture[str]) -> None:
    """It prints the package's version and exits 0, before reading any setting."""
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"orgbot {metadata.version('organizer-bot')}\n"
