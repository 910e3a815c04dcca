"""Group concurrent calls into batches processed one at a time.

The database serialises statements through one connection, so ten thousand reports arriving
together would each wait for their own transaction. Callers ``submit`` an item and await its
own result; while one batch is being processed, new items gather, and the next batch takes
them all (up to ``max_batch``). No timer: a lone item is processed at once, and batches grow
only as large as the load makes them. One item's failure is that item's alone; an error of
the whole batch goes to each of its callers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# process(items) -> per item: its result, or the error that item alone gets
Process = Callable[[Sequence[T]], Awaitable[Sequence[object]]]


class Batcher(Generic[T, R]):
    """``await submit(item)`` returns the item's result from ``process(batch)``."""

    def __init__(self, process: Process[T], max_batch: int = 1000) -> None:
        self._process = process
        self._max = max_batch
        self._pending: list[tuple[T, asyncio.Future[R]]] = []
        self._runner: asyncio.Task[None] | None = None
        self.batches = 0  # how many batches ran (for tests and the benchmark)

    async def submit(self, item: T) -> R:
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        future.add_done_callback(_retrieve)
        self._pending.append((item, future))
        if self._runner is None or self._runner.done():
            # A task of its own: a caller that is cancelled (which cancels its future) does
            # not cancel the batch; the item is still processed, its result dropped.
            self._runner = asyncio.create_task(self._run())
        return await future

    async def idle(self) -> None:
        """Wait until every submitted item has been processed."""
        while self._runner is not None and not self._runner.done():
            await asyncio.shield(self._runner)

    async def _run(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[: self._max], self._pending[self._max :]
            self.batches += 1
            items = [item for item, _ in batch]
            try:
                results = await self._process(items)
                if len(results) != len(items):
                    raise RuntimeError(f"{len(results)} results for {len(items)} items")
            except BaseException as exc:  # the whole batch failed: each caller hears why
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                if isinstance(exc, asyncio.CancelledError):
                    raise
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if future.done():
                    continue
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)  # type: ignore[arg-type]


def _retrieve(future: asyncio.Future[object]) -> None:
    """Mark an error as seen: a caller that was cancelled meanwhile will not read it."""
    if not future.cancelled():
        future.exception()
