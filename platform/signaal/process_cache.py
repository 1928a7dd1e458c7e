"""A small, bounded, thread-safe cache of immutable things, kept per app (so per process).

Only for values that never change under their key (a published version by id,
a course check by its files' fingerprint): there is nothing to invalidate, and
several app servers may each keep their own copy.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from flask import current_app

Value = TypeVar("Value")


class ProcessCache(Generic[Value]):
    def __init__(self, size: int) -> None:
        self.size = size
        self._found: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, key: Hashable) -> Value | None:
        with self._lock:
            found = self._found.get(key)
            if found is not None:
                self._found.move_to_end(key)
            return found

    def put(self, key: Hashable, value: Value) -> Value:
        with self._lock:
            self._found[key] = value
            self._found.move_to_end(key)
            while len(self._found) > self.size:
                self._found.popitem(last=False)
        return value

    def get(self, key: Hashable, load: Callable[[], Value]) -> Value:
        """The value under key, loading it (outside the lock: loads may be slow) when missing."""
        found = self.peek(key)
        return found if found is not None else self.put(key, load())


def app_cache(name: str, size: int) -> ProcessCache:
    """The app's cache of this name, made on first use."""
    return current_app.extensions.setdefault(f"signaal.cache.{name}", ProcessCache(size))
