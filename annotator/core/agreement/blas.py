"""One BLAS thread while agreement is computed.

Agreement's matrix products are many and mid-sized (coder-pair tables, per-unit terms of the standard
errors: a few milliseconds each). A multi-threaded BLAS (numpy's OpenBLAS starts one thread per CPU)
hands each of them to its worker threads and waits for them; where the CPUs are busy (a shared machine,
the GUI's own threads) that wait costs more than the product. Measured on 100 coders x 100 documents,
20 codes, 2 loaded CPUs: 1.6-2.5 s with OpenBLAS's two threads, 0.6 s with one. ``threadpoolctl`` sets
the count for the duration and restores it; without it, nothing changes.

The setting is process-wide, so overlapping computations (two worker threads) share one limit: the
first to enter sets it, the last to leave restores the original count.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_lock = threading.Lock()
_controller: Any = None
_limiter: Any = None
_depth = 0


@contextmanager
def one_thread() -> Iterator[None]:
    """A context in which numpy's BLAS uses one thread (restored when the last such context ends)."""
    global _controller, _limiter, _depth
    with _lock:
        if _depth == 0:
            _limiter = _limit()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _limiter is not None:
                _limiter.restore_original_limits()
                _limiter = None


def _limit() -> Any:
    global _controller
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a declared dependency; a bundle without it still computes
        return None
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller.limit(limits=1, user_api="blas")
