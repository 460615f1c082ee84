"""What the benchmark scripts share: the fastest of several timed runs.

The fastest run is the one least disturbed by other work on the machine; the scripts import this
module from their own folder (`python benchmarks/bench_*.py` puts it first on the path).
"""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """Seconds of the fastest of `repeat` calls of `fn`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)
