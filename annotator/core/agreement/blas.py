"""One BLAS thread while agreement is computed.

Agreement's matrix products are many and mid-sized (coder-pair tables, per-unit terms of the standard
errors: a few milliseconds each). A multi-threaded BLAS (numpy's OpenBLAS starts one thread per CPU)
hands each of them to its worker threads and waits for them; where the CPUs are busy (a shared machine,
the GUI's own threads) that wait costs more than the product. Measured on 100 coders x 100 documents,
20 codes, 2 loaded CPUs: 1.6-2.5 s with OpenBLAS's two threads, 0.6 s with one. ``threadpoolctl`` sets
the count for the duration and restores it; without it, nothing changes.
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager, nullcontext
from typing import Any

_controller: Any = None
_lock = threading.Lock()


def one_thread() -> AbstractContextManager[Any]:
    """A context in which numpy's BLAS uses one thread (restored on exit)."""
    global _controller
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a declared dependency; a bundle without it still computes
        return nullcontext()
    with _lock:
        if _controller is None:
            _controller = ThreadpoolController()
    return _controller.limit(limits=1, user_api="blas")
