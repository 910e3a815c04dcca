"""Console lines shared by the console tests: a campaign made through the real forms."""

from __future__ import annotations

from bot.platforms.console.host import ConsoleHost

SLUG = "fund-the-irs-privacy-office"
CREATE = [
    "/campaign create",
    "Fund the IRS privacy office",
    "Ask Congress to keep tax records confidential.",
    ".",  # no background
    "Hi, I'm {caller_name} from {city}.",
    ".",
    "",  # no goal
]
START = [*CREATE, f"/campaign resume {SLUG}"]


async def feed(console: ConsoleHost, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)
