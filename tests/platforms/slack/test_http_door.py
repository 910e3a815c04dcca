"""HTTP mode's door, without a network: whatever bytes arrive, reading them either gives the
payload slack-bolt will see or refuses it with a reason safe to log, never another error."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.platforms.slack.http_door import FORM, JSON, Malformed, read_body

CONTENT_TYPES = st.sampled_from([FORM, JSON, "text/plain", "application/octet-stream"])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
KEYS = st.sampled_from(
    ["type", "team_id", "team", "user", "user_id", "event", "command", "text", "payload", "id"]
)
SLACKISH = st.recursive(
    st.none() | st.text(max_size=12) | st.sampled_from(["event_callback", "block_actions", "T1"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=6),
    max_leaves=25,
)


def read(content_type: str, raw: bytes) -> dict[str, Any] | None:
    try:
        return read_body(content_type, raw)
    except Malformed as exc:
        assert exc.reason and "\n" not in exc.reason and len(exc.reason) < 100
        return None


@settings(max_examples=300)
@given(CONTENT_TYPES, st.binary(max_size=300))
def test_any_bytes_are_read_or_refused(content_type: str, raw: bytes) -> None:
    read(content_type, raw)


@settings(max_examples=300)
@given(st.one_of(JSON_VALUES, SLACKISH))
def test_any_json_is_read_or_refused(value: Any) -> None:
    read(JSON, json.dumps(value).encode())


@settings(max_examples=300)
@given(st.dictionaries(KEYS, st.text(max_size=30), max_size=6), st.one_of(SLACKISH, JSON_VALUES))
def test_any_form_is_read_or_refused(fields: dict[str, str], payload: Any) -> None:
    read(FORM, urlencode(fields).encode())
    read(FORM, urlencode({"payload": json.dumps(payload)}).encode())


@pytest.mark.parametrize(
    "shape",
    [
        {"type": "block_actions", "team": "T0FAKE", "user": {"id": "U1"}},
        {"type": "block_actions", "team": {"id": "T0FAKE"}, "user": ["U1"]},
        {"type": "view_submission", "team": {"id": "T0FAKE"}, "user": {"id": "U1"}, "view": 1},
    ],
)
def test_a_part_that_is_not_an_object_is_refused(shape: dict[str, Any]) -> None:
    """A signed interaction whose team, user or view is not an object is a 400, not a 500."""
    with pytest.raises(Malformed):
        read_body(FORM, urlencode({"payload": json.dumps(shape)}).encode())
