"""What every host shares: the registry, the dispatcher and cog loading."""

from __future__ import annotations

import importlib
from typing import ClassVar

from bot.cogkit import Cog
from bot.dispatch import Dispatcher
from bot.domain.models import Platform
from bot.registry import Registry
from bot.services import Services


class BaseHost:
    """A platform host. Subclasses render messages and translate platform events."""

    platform: Platform
    rate_limited: ClassVar[bool] = True  # the console (one trusted operator) turns it off

    def __init__(self, services: Services) -> None:
        self.services = services
        self.registry = Registry()
        limiter = services.rate_limiter if self.rate_limited else None
        self.dispatcher = Dispatcher(
            self.registry,
            services.settings.max_text_length,
            limiter,
            services.metrics,
            services.words,
        )

    async def add_cog(self, cog: Cog) -> None:
        self.registry.add(cog)

    async def load_extension(self, module: str) -> None:
        """Import a cog module and call its ``setup(host)``."""
        mod = importlib.import_module(module)
        setup = getattr(mod, "setup", None)
        if setup is None:
            raise RuntimeError(f"{module} has no 'async def setup(host)'")
        await setup(self)

    async def load_extensions(self, modules: list[str]) -> None:
        for module in modules:
            await self.load_extension(module)
        self.registry.check_completions()
