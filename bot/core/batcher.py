"""Group concurrent calls into batches, committed one at a time, in order.

The database serialises statements through one connection, so ten thousand reports arriving
together would each wait for their own transaction. Callers ``submit`` an item and await its
own result; while one batch is being committed, new items gather, and the next batch takes
them all (up to ``max_batch``). No timer: a lone item is processed at once, and batches grow
only as large as the load makes them.

Each batch goes through two steps: ``prepare`` (checks and lookups, outside any transaction)
and ``commit`` (one transaction). The next batch is prepared while the previous one commits,
so Python work overlaps the database's (SQLite runs in its own thread); commits still run
strictly in arrival order. One item's failure is that item's alone; an error of a whole batch
goes to each of its callers.

At shutdown :meth:`Batcher.close` takes nothing new and waits a few seconds for what was
submitted to be committed, before the database closes; a batch that cannot finish by then is
cancelled (its transaction rolls back) and its callers get :data:`SHUTTING_DOWN`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

from bot.domain.errors import Unavailable
from bot.domain.text import t

T = TypeVar("T")
R = TypeVar("R")

Prepare = Callable[[Sequence[T]], Awaitable[Any]]
# commit(prepared) -> per item: its result, or the error that item alone gets
Commit = Callable[[Any], Awaitable[Sequence[object]]]
Pending = list[tuple[T, "asyncio.Future[Any]"]]
# What a caller's item fails with at shutdown: a DomainError carrying Text, so the member who
# reported is answered in their language (bot.dispatch.guard).
SHUTTING_DOWN = t(
    "The bot is restarting, so that could not be saved. Please try again in a minute."
)


class Batcher(Generic[T, R]):
    """``await submit(item)`` gives the item's result from ``commit(prepare(batch))``."""

    def __init__(self, prepare: Prepare[T], commit: Commit, max_batch: int = 1000) -> None:
        self._prepare = prepare
        self._commit = commit
        self.max_batch = max_batch
        self._pending: Pending[T] = []
        self._runner: asyncio.Task[None] | None = None
        self._busy = asyncio.Event()
        self._closed = False
        self.batches = 0  # how many batches ran (for tests and the benchmark)

    def submit(self, item: T) -> asyncio.Future[R]:
        """Queue ``item``; the future completes when its batch has been committed.

        A plain function returning a future (not a coroutine): many callers awaiting
        together cost no task each. A caller that is cancelled cancels only its future; the
        item is still processed with its batch, and its result dropped.
        """
        if self._closed:
            return failed(Unavailable(SHUTTING_DOWN))
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._pending.append((item, future))
        if self._runner is None or self._runner.done():
            self._runner = asyncio.create_task(self._run())
        return future

    async def idle(self) -> None:
        """Wait until every submitted item has been processed."""
        while self._runner is not None and not self._runner.done():
            await asyncio.shield(self._runner)

    async def close(self, within: float) -> None:
        """Take nothing new; wait up to ``within`` seconds for what was submitted, then cancel
        the batch under way (rolled back) and fail what is left with SHUTTING_DOWN."""
        self._closed = True
        runner = self._runner
        if runner is None or runner.done():
            return
        _, running = await asyncio.wait({runner}, timeout=within)
        if running:
            runner.cancel()
            await asyncio.wait({runner}, timeout=within)
        _fail_all(self._pending, Unavailable(SHUTTING_DOWN))
        self._pending.clear()

    def writing(self) -> None:
        """Called by ``commit`` when it starts its long write: the next batch is prepared
        meanwhile (preparing is Python work; the write runs in SQLite's thread)."""
        self._busy.set()

    async def _run(self) -> None:
        previous: tuple[Pending[T], asyncio.Task[Sequence[object]]] | None = None
        try:
            while self._pending or previous is not None:
                ready = None
                if self._pending:
                    if previous is not None:
                        await self._busy.wait()  # the previous batch is writing (or done)
                    ready = await self._next()
                results: Sequence[object] | BaseException = ()
                if previous is not None:
                    try:
                        results = await previous[1]  # in order: one commit after the other
                    except Exception as exc:
                        results = exc
                following = None
                if ready is not None:
                    self._busy.clear()
                    following = (ready[0], asyncio.create_task(self._commit_one(ready[1])))
                if previous is not None:  # answered while the next batch commits
                    _resolve(previous[0], results)
                previous = following
        finally:
            if previous is not None:  # cancelled (close): the batch being committed is not
                if not previous[1].done():
                    previous[1].cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await previous[1]  # its transaction is rolled back first
                _fail_all(previous[0], Unavailable(SHUTTING_DOWN))

    async def _next(self) -> tuple[Pending[T], Any] | None:
        """Take and prepare the next batch (while the previous one may still be committing)."""
        batch = self._pending[: self.max_batch]
        del self._pending[: self.max_batch]
        self.batches += 1
        try:
            return batch, await self._prepare([item for item, _ in batch])
        except BaseException as exc:
            _fail_all(batch, exc)
            if isinstance(exc, asyncio.CancelledError):
                raise
            return None

    async def _commit_one(self, prepared: Any) -> Sequence[object]:
        try:
            return await self._commit(prepared)
        finally:
            self._busy.set()


class InOrder:
    """Lets callers that each look something up before they ``submit`` submit in the order
    they arrived, whatever order their lookups finish in (a database with a pool of
    connections answers concurrent reads in any order)::

        async with order.turn():  # taken at arrival...
            prompt = await lookup()
            await order.ready()  # ...waits here until every earlier caller submitted
            future = batcher.submit(item)
        return await future

    A caller that fails or is cancelled before submitting gives its turn up all the same.
    """

    def __init__(self) -> None:
        self._last: asyncio.Future[None] | None = None

    @contextlib.asynccontextmanager
    async def turn(self) -> AsyncIterator[_Turn]:
        mine: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        turn = _Turn(self._last)
        self._last = mine
        try:
            yield turn
        finally:
            turn.then(mine)


class _Turn:
    def __init__(self, previous: asyncio.Future[None] | None) -> None:
        self._previous = previous

    async def ready(self) -> None:
        """Wait until every caller that arrived earlier has submitted (or given up)."""
        if self._previous is not None and not self._previous.done():
            await asyncio.shield(self._previous)
        self._previous = None

    def then(self, mine: asyncio.Future[None]) -> None:
        """Pass the turn on to the next caller: now, or once every earlier one is done (a
        caller that gave up before :meth:`ready` must not let the next overtake them)."""
        previous = self._previous
        if previous is None or previous.done():
            mine.set_result(None)
        else:
            previous.add_done_callback(lambda _: mine.set_result(None))


def _resolve(batch: Pending[Any], results: Sequence[object] | BaseException) -> None:
    """Give each caller its result (or the error of the whole batch)."""
    if not isinstance(results, BaseException) and len(results) != len(batch):
        results = RuntimeError(f"{len(results)} results for {len(batch)} items")
    if isinstance(results, BaseException):
        _fail_all(batch, results)
        return
    for (_, future), result in zip(batch, results, strict=True):
        if future.done():
            continue
        if isinstance(result, BaseException):
            _fail(future, result)
        else:
            future.set_result(result)


def failed(error: BaseException) -> asyncio.Future[Any]:
    """A future that already holds ``error`` (for a submission refused before queuing)."""
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    _fail(future, error)
    return future


def _fail_all(batch: Pending[Any], error: BaseException) -> None:
    for _, future in batch:
        if not future.done():
            _fail(future, error)


def _fail(future: asyncio.Future[Any], error: BaseException) -> None:
    future.set_exception(error)
    future.exception()  # marked as seen: a caller cancelled meanwhile will never read it
