"""Connections of their own, for locks held by a PostgreSQL session (the scheduler's leader
lock, the Discord shards a process serves): the server releases such a lock when the session
ends, so the session must end soon after its process or machine is gone."""

from __future__ import annotations

from typing import Any

import asyncpg

# A process whose machine is lost never closes its connection: the server probes it after 5 s
# of silence, every 2 s, and after 3 unanswered probes (about 11 s) ends the session, releasing
# its locks (the default waits two hours). Ignored on a Unix socket, where no machine is lost.
KEEPALIVE = {
    "tcp_keepalives_idle": "5",
    "tcp_keepalives_interval": "2",
    "tcp_keepalives_count": "3",
}


async def connect_session(url: str) -> Any:
    """A new connection to ``url`` whose session ends soon after this process is gone."""
    return await asyncpg.connect(url, server_settings=KEEPALIVE)
