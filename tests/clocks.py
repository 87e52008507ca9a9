"""Moving the service's clock in a test, and always putting it back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime, timedelta

from api.kit import clock


@contextmanager
def frozen(at: datetime) -> Iterator[None]:
    real = clock.clock
    clock.clock = clock.FrozenClock(at)
    try:
        yield
    finally:
        clock.clock = real


def later(by: timedelta) -> AbstractContextManager[None]:
    """The clock frozen `by` from now."""
    return frozen(clock.now() + by)
