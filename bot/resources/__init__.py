"""Data files shipped inside the package, found with importlib.resources wherever it is installed
(a wheel, a container image, an editable checkout), never relative to the source tree.

- ``defaults.toml``: the default settings; the environment and a .env file override them.
- ``campaigns/*.yaml``: the ready-made campaigns of ``/campaign import``
  (``ORGBOT_CAMPAIGN_TEMPLATES_DIR`` points at a folder of your own instead).
- ``redistricting.yaml``: states whose House lines change between Congresses, with sources
  (read by ``bot.civic.redistricting``).
- ``residents_2020.csv``: the 2020 Census residents of each state, DC and territory, with its
  source (read by ``bot.civic.residents``).

The SQL migrations ship beside the code that applies them, in ``bot/storage/sqlite/migrations``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def defaults_file() -> Path:
    """The shipped default settings (TOML)."""
    return _on_disk("defaults.toml")


def campaigns_dir() -> Path:
    """The folder of the shipped campaign templates."""
    return _on_disk("campaigns")


def redistricting_file() -> Path:
    """The shipped list of states whose House lines change between Congresses (YAML)."""
    return _on_disk("redistricting.yaml")


def residents_file() -> Path:
    """The shipped 2020 Census residents per state, DC and territory (CSV)."""
    return _on_disk("residents_2020.csv")


def _on_disk(name: str) -> Path:
    found = resources.files(__name__).joinpath(name)
    if not isinstance(found, Path):  # only an import from a zip archive gives anything else
        raise RuntimeError(f"organizer-bot must be installed as files, not zipped ({found})")
    return found
