"""A bounded memory for the host: recent interaction ids, and who wrote a message."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

RECENT_MAX = 4096


class Recent:
    """A bounded memory of keys (interaction ids, message facts), oldest forgotten first."""

    def __init__(self, size: int = RECENT_MAX) -> None:
        self.size = size
        self._items: OrderedDict[int, Any] = OrderedDict()

    def get(self, key: int) -> Any:
        return self._items.get(key)

    def __contains__(self, key: int) -> bool:
        return key in self._items

    def put(self, key: int, value: Any = True) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
