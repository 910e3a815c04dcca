"""The language the bot speaks to you (English or Spanish), and your community's default."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from bot.cogkit import Cog, Context, Opt, command
from bot.core.members import MemberService
from bot.domain.errors import InvalidInput
from bot.domain.text import Text, t
from bot.hosting import BaseHost
from bot.i18n.languages import LanguageName, from_locale
from bot.messages import Message

DEFAULT = "default"


class LanguageCog(Cog):
    name = "language"
    description = "Language"
    stores = "The language you chose with /language, if you chose one."

    def __init__(self, members: MemberService) -> None:
        self.members = members

    @command(
        "language",
        "Choose the language the bot speaks to you: en, es, or auto; organizers: default es.",
        ephemeral=True,
    )
    async def language(
        self,
        ctx: Context,
        choice: Annotated[
            str,
            Opt(
                "en, es, auto (your platform's), or default (organizers: the community's)",
                max_length=20,
                label="the language",
            ),
        ] = "",
        language: Annotated[
            str,
            Opt(
                "With default: the community's language",
                max_length=20,
                label="the community's language",
            ),
        ] = "",
    ) -> Message:
        word = choice.strip().lower()
        if not word:
            return Message.private(ctx.tr(self._current(ctx)), title=ctx.tr(TITLE))
        if word == DEFAULT:
            if not language.strip():
                raise InvalidInput(t("Say which language, like /language default es."))
            community = await self.members.set_community_language(ctx.actor, language)
            name = LanguageName(community.language)
            said = t(
                "This community's default language is now {name}: public posts, and members "
                "who chose none, use it.",
                name=name,
            )
            return Message.private(ctx.tr(said), title=ctx.tr(TITLE))
        member = await self.members.set_language(ctx.member, word)
        ctx = replace(ctx, actor=replace(ctx.actor, member=member))  # answer in the new one
        return Message.private(ctx.tr(self._current(ctx)), title=ctx.tr(TITLE))

    def _current(self, ctx: Context) -> Text:
        name = LanguageName(ctx.language)
        if ctx.member.language is not None:
            return t(
                "I speak to you in {name}, as you chose. /language auto follows your "
                "platform's language instead.",
                name=name,
            )
        if from_locale(ctx.locale) is not None:
            return t(
                "I speak to you in {name}, your platform's language. Choose another with "
                "/language en or /language es.",
                name=name,
            )
        return t(
            "I speak to you in {name}, this community's language. Choose another with "
            "/language en or /language es.",
            name=name,
        )


TITLE = t("Language")


async def setup(host: BaseHost) -> None:
    await host.add_cog(LanguageCog(host.services.members))
