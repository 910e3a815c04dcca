"""Where lawmakers stand: /stance set for organizers, /stances (per lawmaker: stance, calls
this week, what callers heard, the latest note, a suggestion), and the tag buttons a caller
presses after "made contact" to say what the office said."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from bot.cogkit import Cog, Context, Opt, button, command
from bot.core.campaign_texts import campaign_texts
from bot.core.permissions import Permission
from bot.core.stance_rules import (
    heard_text,
    parse_filters,
    stance_text,
    suggestion_text,
    tag_text,
)
from bot.core.stances import StanceService
from bot.core.stats import StatsService
from bot.domain.errors import NotFound
from bot.domain.stance_models import StanceChange, StanceRow, Tag
from bot.domain.text import Text, t, tn
from bot.hosting import BaseHost
from bot.i18n.translator import Translator, Translators
from bot.messages import Message, Tone, mention
from bot.report_components import TAG_ACTION, tag_buttons
from cogs._options import SLUG

ORGANIZER = Permission.ORGANIZER
LISTED = 25  # lawmakers on one /stances answer
BAD_BUTTON = t("That button is not one I recognise. Report the call again for fresh buttons.")
LAWMAKER = Opt(
    "The lawmaker: a bioguide id (S000033) or a name",
    max_length=60,
    autocomplete="lawmakers",
    label="the lawmaker",
)
STANCE = Opt(
    "supports, opposes, undecided or unknown (a favor, en contra, indeciso)",
    max_length=20,
    label="the stance",
)
NOTE = Opt(
    "An optional one-line note; start with campaign:<slug> to name the campaign",
    max_length=250,
    rest=True,
    label="the note",
)
ORGANIZER_GONE = t("an organizer who erased their data")
FILTER = Opt(
    "A campaign's slug, or a filter: undecided, committee:<id>",
    max_length=60,
    autocomplete="campaigns",
    label="the campaign or filter",
)
UNDECIDED = Opt(
    "undecided: only the undecided lawmakers",
    max_length=60,
    label="the filter",
)
COMMITTEE = Opt(
    "A committee's id, like HSWM: its members",
    max_length=60,
    autocomplete="committees",
    label="the committee",
)


class StancesCog(Cog):
    name = "stances"
    description = "Where lawmakers stand"
    stores = (
        "What you tag a call with after you made contact (what the office said: supports, "
        "opposes, undecided, no answer on it), linked to that report; organizers see only "
        "counts. For organizers: the stances you set, with your note."
    )

    def __init__(
        self, stances: StanceService, stats: StatsService, words: Translators | None = None
    ) -> None:
        self.stances = stances
        self.stats = stats
        self.words = words or Translators()

    @command(
        "stance set",
        "Set where a lawmaker stands on the campaign: supports, opposes, undecided, unknown.",
        permission=ORGANIZER,
        ephemeral=True,
    )
    async def stance_set(
        self,
        ctx: Context,
        lawmaker: Annotated[str, LAWMAKER],
        stance: Annotated[str, STANCE],
        note: Annotated[str, NOTE] = "",
    ) -> Message:
        done = await self.stances.set(ctx.actor, lawmaker, stance, note)
        words = self._words(ctx)
        name = self.stats.lawmaker_name(done.lawmaker.bioguide, words)
        title = campaign_texts(done.campaign, ctx.language).title
        said: list[Text] = [
            t(
                "{name} is now marked “{stance}” in {campaign} (was “{before}”).",
                name=name,
                stance=stance_text(done.change.stance),
                campaign=title,
                before=stance_text(done.previous),
            )
        ]
        based = done.change.based_on
        if based is not None:
            heard = based.of(Tag(done.change.stance.value))
            said.append(
                tn(
                    "Based on what {n} caller heard this week.",
                    "Based on what {n} callers heard this week.",
                    heard,
                    n=heard,
                )
            )
        return Message(
            body="\n".join(ctx.tr(line) for line in said), tone=Tone.SUCCESS, ephemeral=True
        )

    @command(
        "stance history",
        "Every stance set for a lawmaker in the campaign: when, by whom, with which note.",
        permission=ORGANIZER,
        ephemeral=True,
    )
    async def stance_history(
        self,
        ctx: Context,
        lawmaker: Annotated[str, LAWMAKER],
        campaign: Annotated[str, SLUG] = "",
    ) -> Message:
        chosen, found, changes = await self.stances.history_of(ctx.actor, lawmaker, campaign)
        words = self._words(ctx)
        name = self.stats.lawmaker_name(found.bioguide, words)
        title = campaign_texts(chosen, ctx.language).title
        zone = ZoneInfo(ctx.community.timezone)
        lines = [self._history_line(change, zone, words) for change in reversed(changes)]
        if not lines:
            empty = t("No stance was set yet for {name} in {campaign}.", name=name, campaign=title)
            lines = [words.render(empty)]
        return Message(
            title=words.render(t("Stances of {name}: {campaign}", name=name, campaign=title))[:256],
            body="\n".join(lines[:LISTED]),
            ephemeral=True,
        )

    @command(
        "stances",
        "Where each targeted lawmaker stands, with calls and what callers heard this week.",
        permission=ORGANIZER,
        ephemeral=True,
    )
    async def stances_command(
        self,
        ctx: Context,
        campaign: Annotated[str, FILTER] = "",
        undecided: Annotated[str, UNDECIDED] = "",
        committee: Annotated[str, COMMITTEE] = "",
    ) -> Message:
        slug, only_undecided, code = parse_filters(campaign, undecided, committee)
        chosen = await self.stances.campaign_for(ctx.community, slug)
        today = self.stances.today(ctx.community)
        rows = await self.stances.board(chosen, today, only_undecided, code)
        words = self._words(ctx)
        title = campaign_texts(chosen, ctx.language).title
        lines = [self._line(row, words) for row in rows[:LISTED]]
        if not rows:
            empty = (
                t("No lawmaker here is undecided.")
                if only_undecided
                else t("No lawmaker is targeted or called in this campaign yet.")
            )
            lines = [words.render(empty)]
        footer = None
        if len(rows) > LISTED:
            footer = words.render(
                t(
                    "Showing {shown} of {n}; narrow it with undecided or committee:<id>.",
                    shown=LISTED,
                    n=len(rows),
                )
            )
        return Message(
            title=words.render(t("Stances: {campaign}", campaign=title))[:256],
            body="\n".join(lines),
            footer=footer,
            ephemeral=True,
        )

    @button(TAG_ACTION)
    async def tag_pressed(self, ctx: Context, value: str) -> Message:
        """A caller says what the office said; pressing another replaces it."""
        ident, _, word = value.partition(":")
        try:
            tag = Tag(word)
        except ValueError:
            raise NotFound(BAD_BUTTON) from None
        if not ident.isdecimal():
            raise NotFound(BAD_BUTTON)
        tagged = await self.stances.tag(ctx.actor, int(ident), tag)
        words = self._words(ctx)
        said = t(
            "Noted: {name}'s office, “{tag}”. Organizers see how many callers heard it, not "
            "who. Press another to change it.",
            name=self.stats.lawmaker_name(tagged.lawmaker, words),
            tag=tag_text(tag),
        )
        return Message(
            body=words.render(said),
            buttons=tag_buttons(tagged.action_id, words, tagged.tag),
            tone=Tone.SUCCESS,
            ephemeral=True,
        )

    # -- helpers ----------------------------------------------------------------------------
    def _line(self, row: StanceRow, words: Translator) -> str:
        name = self.stats.lawmaker_name(row.lawmaker, words)
        calls = tn(
            "{n} call this week", "{n} calls this week", row.calls, n=words.number(row.calls)
        )
        parts = [
            f"**{name}**: {words.render(stance_text(row.stance))}",
            words.render(calls),
        ]
        if row.tags:
            parts.append(heard_text(row.tags, words))
        if row.last_note:
            parts.append(words.render(t("latest note: “{note}”", note=row.last_note)))
        line = " · ".join(parts)
        if row.suggestion is not None:
            hint = suggestion_text(row.suggestion, row.lawmaker, name)
            line += "\n  💡 " + words.render(hint)
        return line

    def _history_line(self, change: StanceChange, zone: ZoneInfo, words: Translator) -> str:
        """'• Tuesday, January 6: “undecided” by @olga · “note” · from 3 callers' tags'."""
        day = datetime.fromisoformat(change.set_at.replace("Z", "+00:00")).astimezone(zone)
        who = mention(change.set_by_user) if change.set_by_user else words.render(ORGANIZER_GONE)
        parts = [
            words.render(
                t(
                    "• {day}: “{stance}” by {who}",
                    day=day.date(),
                    stance=stance_text(change.stance),
                    who=who,
                )
            )
        ]
        if change.note:
            parts.append(f"“{change.note}”")
        if change.based_on is not None:
            heard = change.based_on.of(Tag(change.stance.value))
            accepted = tn(
                "accepted from what {n} caller heard",
                "accepted from what {n} callers heard",
                heard,
                n=heard,
            )
            parts.append(words.render(accepted))
        return " · ".join(parts)

    def _words(self, ctx: Context) -> Translator:
        return self.words(ctx.language)


async def setup(host: BaseHost) -> None:
    s = host.services
    if s.stances is None:
        return
    await host.add_cog(StancesCog(s.stances, s.stats, s.words))
