"""DM channels: a member's DM channel id is kept, replaced, forgotten and erased."""

from __future__ import annotations

from bot.domain.models import Platform
from bot.services import Services
from bot.storage.dm_channels import DmChannelRepository
from bot.storage.privacy import PrivacyRepository, member_links

D = Platform.DISCORD


async def member(services: Services, server: str = "g1", user: str = "ann") -> int:
    actor = await services.members.actor(D, server, user, False)
    return actor.member.id


async def test_a_members_channel_is_kept_and_replaced(services: Services) -> None:
    """Only the member link and the channel id are stored; a new channel replaces the old."""
    await member(services)
    repo = DmChannelRepository(services.db)
    assert await repo.find(D, "g1", "ann") is None
    assert await repo.remember(D, "g1", "ann", "501")
    assert await repo.remember(D, "g1", "ann", "502")
    assert await repo.find(D, "g1", "ann") == "502"
    assert await repo.find(D, "g2", "ann") is None
    assert await repo.find(Platform.SLACK, "g1", "ann") is None
    row = await services.db.fetchone("SELECT * FROM dm_channels")
    assert row is not None and set(row.keys()) == {"member_id", "channel_id"}


async def test_someone_who_is_not_a_member_is_not_recorded(services: Services) -> None:
    repo = DmChannelRepository(services.db)
    assert not await repo.remember(D, "g1", "stranger", "501")
    assert await services.db.fetchone("SELECT 1 FROM dm_channels") is None


async def test_an_unknown_channel_is_forgotten_for_every_member_it_was_kept_for(
    services: Services,
) -> None:
    """One user, members of two servers, one DM channel: Discord's 10003 forgets both rows."""
    await member(services, "g1")
    await member(services, "g2")
    await member(services, "g1", "bob")
    repo = DmChannelRepository(services.db)
    for server in ("g1", "g2"):
        await repo.remember(D, server, "ann", "501")
    await repo.remember(D, "g1", "bob", "777")
    assert await repo.forget("501") == 2
    assert await repo.find(D, "g2", "ann") is None
    assert await repo.find(D, "g1", "bob") == "777"


async def test_channels_go_when_their_member_is_erased(services: Services) -> None:
    ann = await member(services)
    await member(services, user="bob")
    repo = DmChannelRepository(services.db)
    await repo.remember(D, "g1", "ann", "501")
    await repo.remember(D, "g1", "bob", "777")
    links = {(link.table, link.on_delete) for link in await member_links(services.db)}
    assert ("dm_channels", "CASCADE") in links
    await PrivacyRepository(services.db).erase(ann)
    assert await repo.find(D, "g1", "ann") is None
    assert await repo.find(D, "g1", "bob") == "777"


async def test_a_gone_slack_channel_is_forgotten_for_its_workspace_only(
    services: Services,
) -> None:
    """Slack: one member's channel goes (only if it is still the one Slack refused); the same
    user's row in another workspace stays."""
    s = Platform.SLACK
    for team in ("T1", "T2"):
        await services.members.actor(s, team, "U1", False)
        await DmChannelRepository(services.db).remember(s, team, "U1", "DU1")
    repo = DmChannelRepository(services.db)
    assert await repo.forget_member(s, "T1", "U1", "DOLD") == 0
    assert await repo.forget_member(s, "T1", "U1", "DU1") == 1
    assert await repo.find(s, "T1", "U1") is None
    assert await repo.find(s, "T2", "U1") == "DU1"
