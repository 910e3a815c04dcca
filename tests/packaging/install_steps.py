"""How the tree becomes an installed bot: the steps the wheel test runs and the Dockerfile repeats.

A step is a command template: ``{name}`` tokens stand for what differs between the two (where
the interpreter, the sources and the wheel are); every other token, flags included, must be the
same. test_wheel.py runs the steps; test_dockerfile.py holds the Dockerfile to them.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence

# What a build needs from the checkout: the Dockerfile copies these and .dockerignore lets
# only these into the build context.
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "bot", "cogs")
# The sdist, then the wheel built from it (pypa/build): the wheel holds only what the sdist does.
BUILD = "{python} -m build --outdir {dist} {src}"
# The wheel into a virtual environment of its own, not editable.
INSTALL = "{python} -m pip install {wheel}"


def command(template: str, **values: str) -> list[str]:
    """The argv of ``template`` with its ``{name}`` tokens filled in."""
    return [values[token[1:-1]] if _is_slot(token) else token for token in shlex.split(template)]


def match(template: str, argv: Sequence[str]) -> dict[str, str] | None:
    """What ``argv`` puts in the template's slots, or None when any other token differs."""
    tokens = shlex.split(template)
    if len(tokens) != len(argv):
        return None
    found: dict[str, str] = {}
    for token, arg in zip(tokens, argv, strict=True):
        if _is_slot(token):
            found[token[1:-1]] = arg
        elif token != arg:
            return None
    return found


def _is_slot(token: str) -> bool:
    return token.startswith("{") and token.endswith("}")
