"""The console's /clock: jump the bot's time and watch schedules and reminders fire.

A console control, not a cog: Discord and Slack never see it (there the bot's time is the real
time). ``/clock show``, ``/clock advance 1d``, ``/clock set 2026-01-08 08:00 [zone]``, and
``/clock fast 10m`` (ten minutes of bot time every real second, firing on the way) until
``/clock normal``. Moving the clock is for organizers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.cogkit import Context
from bot.core.permissions import Permission, require
from bot.domain.clock import Clock
from bot.domain.errors import InvalidInput
from bot.domain.recurrence import check_zone
from bot.domain.schedule_models import Fired
from bot.domain.text import t
from bot.i18n.translator import Translator, Translators
from bot.i18n.when_words import At
from bot.messages import Message
from bot.scheduling.clockwork import MovableClock, parse_duration
from bot.scheduling.engine import Engine

log = logging.getLogger(__name__)
HELP = (
    "/clock show, /clock advance 1d (or 3h, 45m), /clock set 2026-01-08 08:00 [zone], "
    "/clock fast 10m (per second) and /clock normal"
)
USAGE = t("Usage: {commands}.", commands=HELP)
CANT_MOVE = t("The bot's clock follows real time here; it can't run fast.")
MAX_SHOWN = 40


class ClockControl:
    def __init__(self, clock: Clock, engine: Engine, interval: float = 1.0) -> None:
        self.clock = clock
        self.engine = engine
        self.interval = interval  # real seconds between steps of /clock fast
        self._fast: asyncio.Task[None] | None = None

    async def __call__(self, ctx: Context, args: list[str]) -> Message:
        verb = args[0].lower() if args else "show"
        if verb == "show" and len(args) <= 1:
            return await self.show(ctx)
        if verb == "advance" and len(args) == 2:
            require(ctx.actor, Permission.ORGANIZER)
            return self._report(ctx, await self.engine.advance(parse_duration(args[1])))
        if verb == "set" and len(args) in (3, 4):
            require(ctx.actor, Permission.ORGANIZER)
            return await self.set(ctx, args[1], args[2], args[3] if len(args) == 4 else "")
        if verb == "fast" and len(args) == 2:
            require(ctx.actor, Permission.ORGANIZER)
            return self.fast(ctx, parse_duration(args[1]), args[1])
        if verb == "normal" and len(args) == 1:
            running = await self.normal()
            said = t("The clock runs at normal speed.") if running else t("It already did.")
            return Message(body=ctx.tr(said))
        raise InvalidInput(USAGE)

    def fast(self, ctx: Context, per_second: timedelta, label: str) -> Message:
        """Run the clock ``per_second`` per real second, posting what fires as it goes."""
        if not isinstance(self.clock, MovableClock):
            raise InvalidInput(CANT_MOVE)
        if self._fast is not None:
            self._fast.cancel()
        self._fast = asyncio.get_running_loop().create_task(self._run_fast(ctx, per_second))
        said = t("The clock now runs {step} per second. /clock normal stops it.", step=label)
        return Message(body=ctx.tr(said))

    async def normal(self) -> bool:
        """Stop /clock fast; False if it was not running."""
        task, self._fast = self._fast, None
        if task is None:
            return False
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return True

    async def _run_fast(self, ctx: Context, per_second: timedelta) -> None:
        step = per_second * self.interval
        while True:
            await asyncio.sleep(self.interval)
            try:
                fired = await self.engine.advance(step)
                if fired:
                    await ctx.host.post(ctx.community, ctx.channel_id, self._report(ctx, fired))
            except Exception:
                log.exception("the fast clock stopped")
                return

    async def show(self, ctx: Context) -> Message:
        zone = ctx.community.timezone
        due = await self.engine.next_due(self.clock.now())
        now = At(self.clock.now(), zone)
        said = (
            t("It is {now}. Next due: {due}.", now=now, due=At(due, zone))
            if due
            else t("It is {now}. Nothing is scheduled.", now=now)
        )
        return Message(body=ctx.tr(said))

    async def set(self, ctx: Context, day: str, at: str, timezone: str) -> Message:
        clock = self.clock
        if not isinstance(clock, MovableClock):
            raise InvalidInput(t("The bot's clock follows real time here; it can't be set."))
        zone = check_zone(timezone) if timezone else ZoneInfo(ctx.community.timezone)
        try:
            moment = datetime.fromisoformat(f"{day}T{at}").replace(tzinfo=zone)
        except ValueError:
            raise InvalidInput(
                t(
                    "'{typed}' is not a day and time. Write it like 2026-01-08 08:00.",
                    typed=f"{day[:12]} {at[:8]}",
                )
            ) from None
        clock.set(moment)
        return self._report(ctx, await self.engine.tick())

    def _report(self, ctx: Context, fired: list[Fired]) -> Message:
        zone = ctx.community.timezone
        # what fired is the scheduler's own log line (English), each at its time
        words = _words(ctx)
        lines = [f"{At(f.at, zone).in_words(words)}: {f.text}" for f in fired[:MAX_SHOWN]]
        if len(fired) > MAX_SHOWN:
            lines.append(ctx.tr(t("…and {n} more.", n=len(fired) - MAX_SHOWN)))
        body = "\n".join(lines) if lines else ctx.tr(t("Nothing fell due."))
        title = ctx.tr(t("🕘 It is now {now}", now=At(self.clock.now(), zone)))
        return Message(title=title, body=body)


def _words(ctx: Context) -> Translator:
    return (ctx.words or Translators())(ctx.language)
