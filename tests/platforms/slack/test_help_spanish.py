"""/help and a group's list on Slack for a member who chose Spanish: Spanish words, English
command names (Slack's own command list, from the app manifest, cannot be localized)."""

from __future__ import annotations

from bot.platforms.slack.host import SlackHost

from ...fakes.slack_server import FakeSlack


async def test_a_spanish_member_s_help_and_group_lists_on_slack(
    real_host: SlackHost, slack: FakeSlack
) -> None:
    chosen = await (await slack.slash("/language es", user="U1")).reply()
    assert "Te hablo en español" in chosen.text
    text = (await (await slack.slash("/help", user="U1")).reply()).text
    assert "Comandos" in text and "Encuentra quién te representa" in text
    assert "Type /help" not in text and "Find who represents you" not in text
    reminders = (await (await slack.slash("/remind", user="U1")).reply()).text
    assert "Apaga tus recordatorios." in reminders and "Stop your reminders." not in reminders
    refused = (await (await slack.slash("/schedule", user="U1")).reply()).text
    assert "Solo las personas organizadoras pueden hacer eso." in refused
    wrong = (await (await slack.slash("/reps", user="U1")).reply()).text
    assert "A /reps le falta tu código postal" in wrong
