"""Socket Mode that lets the acknowledgements under way go out before the connection closes.

Bolt's Socket Mode adapter acknowledges an envelope once its listener has acked, a moment after
the listener started. Closing the connection in that moment made the acknowledgement fail with
a traceback in the log (and Slack deliver the envelope again). :class:`AckingSocketModeHandler`
counts the envelopes being handled until their acknowledgement is written; at shutdown
:meth:`close_async` takes no new envelope (left unacknowledged: Slack delivers it to the next
process), waits for those acknowledgements, then closes.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.platforms.inflight import InFlight

ACK_WAIT = 3.0  # seconds; a modal submission's ack waits up to 2 s for its handler


class AckingSocketModeHandler(AsyncSocketModeHandler):
    def __init__(self, app: AsyncApp, app_token: str, **options: Any) -> None:
        super().__init__(app, app_token, **options)
        self.acks = InFlight()

    async def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        if self.acks.closed:
            return  # stopping: not acknowledged, so Slack delivers it again
        with self.acks.counted():
            await super().handle(client, req)

    async def close_async(self) -> None:
        await self.acks.drain(ACK_WAIT)
        await super().close_async()
