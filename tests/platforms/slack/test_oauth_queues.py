"""Many workspaces, one delivery queue each (Slack's limits are per workspace): /metrics still
shows the platform's queue as one, the sum of theirs."""

from __future__ import annotations

from bot.core.metrics import Metrics
from bot.platforms.slack.workspaces import QueueDepths


class Recorded(Metrics):
    def __init__(self) -> None:
        self.depths: list[int] = []
        self.throttles = 0

    def queue_depth(self, platform: str, depth: int) -> None:
        assert platform == "slack"
        self.depths.append(depth)

    def throttled(self, platform: str) -> None:
        self.throttles += 1


def test_the_depth_shown_is_the_sum_of_every_workspaces_queue() -> None:
    """Two queues at 2 and 3 show 5; the first emptying shows 3; 429s pass through."""
    recorded = Recorded()
    depths = QueueDepths(recorded)
    first, second = depths.of_one_queue(), depths.of_one_queue()
    first.queue_depth("slack", 2)
    second.queue_depth("slack", 3)
    first.queue_depth("slack", 0)
    second.throttled("slack")
    assert recorded.depths == [2, 5, 3] and recorded.throttles == 1
