"""Find in one document (Ctrl+F): every occurrence of a string, ignoring case and Chinese script.

Unlike corpus search (``annotator.core.search``, whole words through the token index), this matches
any substring, as a find bar does, on a view of the text with exactly its length: simplified Chinese
(``to_simplified`` keeps lengths) in lower case, so every offset found is a code-point offset into the
stored text.
"""

from __future__ import annotations

from annotator.core.tokens import to_simplified


def search_view(text: str) -> str:
    """The text as find compares it: simplified, lower case, same length (characters whose lower case
    is longer, such as 'İ', stay as they are)."""
    simple = to_simplified(text)
    lowered = simple.lower()
    if len(lowered) == len(simple):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in simple)


def find_all(text: str, query: str, *, view: str | None = None, limit: int = 100_000) -> list[tuple[int, int]]:
    """(start, end) of every non-overlapping occurrence of ``query``, in text order (at most ``limit``).

    ``view`` is ``search_view(text)``, computed once per document when searching it repeatedly.
    """
    needle = search_view(query.strip("\n"))
    if not needle.strip():
        return []
    haystack = search_view(text) if view is None else view
    found: list[tuple[int, int]] = []
    index = haystack.find(needle)
    while index >= 0 and len(found) < limit:
        found.append((index, index + len(needle)))
        index = haystack.find(needle, index + len(needle))
    return found


__all__ = ["find_all", "search_view"]
