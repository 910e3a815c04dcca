"""ORGBOT_DISCORD_SHARD_COUNT and ORGBOT_DISCORD_SHARD_IDS: read once at start, a bad value is
one line naming the setting."""

from __future__ import annotations

import pytest

from bot.domain.errors import InvalidInput, StartupError
from bot.domain.shards import parse_shard_ids
from bot.settings import load_settings


@pytest.mark.parametrize(
    ("text", "count", "ids"),
    [
        ("", 0, []),
        ("", 4, []),
        ("0", 1, [0]),
        ("0,1", 2, [0, 1]),
        ("0-3", 4, [0, 1, 2, 3]),
        (" 1 - 2 , 5 ", 8, [1, 2, 5]),
        ("3,0", 4, [3, 0]),
    ],
)
def test_shard_lists_are_read(text: str, count: int, ids: list[int]) -> None:
    assert parse_shard_ids(text, count) == ids


@pytest.mark.parametrize(
    ("text", "count", "said"),
    [
        ("0", 0, "need a shard count"),
        ("2", 2, "shard 2 is not below the shard count 2"),
        ("0-5", 4, "shard 5 is not below"),
        ("2-1", 4, "runs backwards"),
        ("0,1,0", 4, "shard 0 is listed twice"),
        ("0-2,1", 4, "shard 1 is listed twice"),
        ("one", 4, "'one' is not a shard id"),
        ("0,,1", 4, "is not a shard id"),
        ("-1", 4, "is not a shard id"),
        ("1-2-3", 4, "is not a shard id"),
    ],
)
def test_bad_shard_lists_say_what_is_wrong(text: str, count: int, said: str) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_shard_ids(text, count)
    assert said in info.value.message and "\n" not in info.value.message


def test_the_settings_give_this_process_its_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORGBOT_DISCORD_SHARD_COUNT", "4")
    monkeypatch.setenv("ORGBOT_DISCORD_SHARD_IDS", "2-3")
    settings = load_settings(env_file=None)
    assert (settings.discord_shard_count, settings.discord_shards) == (4, [2, 3])
    monkeypatch.setenv("ORGBOT_DISCORD_SHARD_COUNT", "")
    monkeypatch.setenv("ORGBOT_DISCORD_SHARD_IDS", "")
    settings = load_settings(env_file=None)
    assert (settings.discord_shard_count, settings.discord_shards) == (0, None)


@pytest.mark.parametrize(
    ("count", "ids", "named"),
    [
        ("2", "0,2", "ORGBOT_DISCORD_SHARD_IDS"),
        ("", "0", "ORGBOT_DISCORD_SHARD_IDS"),
        ("many", "0", "ORGBOT_DISCORD_SHARD_COUNT"),
        ("-1", "", "ORGBOT_DISCORD_SHARD_COUNT"),
    ],
)
def test_a_bad_shard_setting_stops_the_start_in_one_line(
    monkeypatch: pytest.MonkeyPatch, count: str, ids: str, named: str
) -> None:
    monkeypatch.setenv("ORGBOT_DISCORD_SHARD_COUNT", count)
    monkeypatch.setenv("ORGBOT_DISCORD_SHARD_IDS", ids)
    with pytest.raises(StartupError) as info:
        load_settings(env_file=None)
    assert named in info.value.message and "\n" not in info.value.message


@pytest.mark.parametrize("value", ["0", "11", "two"])
def test_slack_socket_connections_are_one_to_ten(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("ORGBOT_SLACK_SOCKET_CONNECTIONS", value)
    with pytest.raises(StartupError) as info:
        load_settings(env_file=None)
    assert "ORGBOT_SLACK_SOCKET_CONNECTIONS" in info.value.message
