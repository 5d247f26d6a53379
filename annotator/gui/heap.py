"""The window's long-lived Python objects, set aside from the cyclic garbage collector once it is built.

Why: a full (oldest-generation) collection walks every object the collector tracks — after start-up some
50,000 (functions, classes, Qt wrappers, the views) — which took 20-40 ms on a shared 2-CPU machine. It
runs in whichever thread crosses the allocation threshold, holding the GIL: during a bulk edit in a
worker it froze the GUI thread for that long (the worst stalls of the bulk-edit benchmark, issue 13).
What is alive once the window is built lives as long as the app, so ``settle`` freezes it
(``gc.freeze``): later collections walk only what was made since (a full one then takes well under a
millisecond). Reference counting still frees frozen objects; only a reference cycle among them that
becomes garbage later is not collected, which for the window's own objects means never before exit.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect what start-up left behind, then freeze the rest (call once the window is shown)."""
    gc.collect()
    gc.freeze()


def unsettle() -> None:
    """Give frozen objects back to the collector (a test or benchmark that settled its window)."""
    gc.unfreeze()
