"""The token cache: each document's word tokens, kept in the project file, and the user dictionary.

Segmenting a large Chinese corpus with jieba takes seconds, so tokens are computed once per document and
stored (``token_cache``: search-form words plus their offsets) together with the version of the
project's user dictionary they were cut with. They are recomputed only for new documents and, when the
user dictionary changes, for the documents that contain a changed term. The ``search_index`` FTS5 table
follows ``token_cache`` through triggers (schema migration 2, ``store/schema.py``); the queries are in
``store/token_cache.py``.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from itertools import chain
from dataclasses import dataclass

from annotator.core.errors import InputError
from annotator.core.store import Project
from annotator.core.tokens import segment, segment_packed_many, snap_to_words, to_simplified, tokenizer_for, warm_up


@dataclass(frozen=True)
class DocumentTokens:
    """A document's tokens: ``words[i]`` (simplified, lower case) is ``text[spans[i][0]:spans[i][1]]``."""

    document_id: int
    words: list[str]
    spans: list[tuple[int, int]]

    def __len__(self) -> int:
        return len(self.words)


# ---- user dictionary ---------------------------------------------------------------------------

def dictionary_terms(project: Project) -> list[str]:
    return project.dictionary_terms()


def dictionary_version(project: Project) -> str:
    """A short hash of the sorted terms ('' for none): which segmentation a cached row belongs to."""
    terms = dictionary_terms(project)
    if not terms:
        return ""
    return hashlib.sha1("\n".join(terms).encode("utf-8")).hexdigest()[:16]


def project_tokenizer(project: Project):
    """The tokenizer for this project's user dictionary (None: jieba's default)."""
    return tokenizer_for(dictionary_terms(project))


def snap_in_project(project: Project, text: str, start: int, end: int) -> tuple[int, int]:
    """``snap_to_words`` with the project's dictionary, so a selection keeps 孕妇血样 whole once added."""
    return snap_to_words(text, start, end, tokenizer=project_tokenizer(project))


def add_terms(project: Project, terms: Iterable[str],
              on_progress: Callable[[int, int], None] | None = None) -> list[int]:
    """Add words to the project's dictionary and re-segment the documents containing them.

    Returns the ids of the re-segmented documents.
    """
    cleaned = _clean_terms(terms)
    with project.transaction():
        project.insert_dictionary_terms(cleaned)
        return _resegment_containing(project, cleaned, on_progress)


def remove_terms(project: Project, terms: Iterable[str],
                 on_progress: Callable[[int, int], None] | None = None) -> list[int]:
    """Remove words from the project's dictionary and re-segment the documents containing them."""
    cleaned = _clean_terms(terms)
    with project.transaction():
        known = set(dictionary_terms(project))
        missing = [t for t in cleaned if t not in known]
        if missing:
            raise InputError(f"not in the project dictionary: {', '.join(missing)}")
        project.delete_dictionary_terms(cleaned)
        return _resegment_containing(project, cleaned, on_progress)


def _clean_terms(terms: Iterable[str]) -> list[str]:
    cleaned = []
    for term in terms:
        term = term.strip()
        if not term:
            continue
        if any(ch.isspace() for ch in term):
            raise InputError(f"a dictionary term is one word without spaces: '{term}'")
        cleaned.append(term)
    if not cleaned:
        raise InputError("no dictionary term given")
    return sorted(set(cleaned))


def _resegment_containing(project: Project, terms: list[str],
                          on_progress: Callable[[int, int], None] | None) -> list[int]:
    """Re-cut documents containing a term (in either script); re-label the others' cache rows."""
    version = dictionary_version(project)
    tokenizer = tokenizer_for(dictionary_terms(project))
    wanted = [to_simplified(t).lower() for t in terms]
    affected: list[int] = []
    for document_id, text in project.document_texts():
        view = to_simplified(text).lower()
        if any(t in view for t in wanted):
            affected.append(document_id)
    for count, document_id in enumerate(affected, 1):
        _store(project, document_id, project.document_text(document_id), tokenizer, version)
        if on_progress is not None:
            on_progress(count, len(affected))
    # Documents without any changed term would be cut exactly as before: only their label changes.
    project.relabel_token_cache(version)
    return affected


# ---- cache -------------------------------------------------------------------------------------

def stale_documents(project: Project) -> list[int]:
    """Documents with no cached tokens, or tokens cut with another dictionary."""
    return project.stale_token_documents(dictionary_version(project))


def ensure_segmented(project: Project,
                     on_progress: Callable[[int, int], bool | None] | None = None) -> int:
    """Segment every document that needs it, in one transaction; returns how many were segmented.

    A big batch (a fresh import of a large corpus) is cut in a pool of forked processes, one per core,
    fed a bounded number of groups at a time while this process writes the results (the token cache and
    its search index). ``on_progress(done, total)`` may return False to stop early (what was done is kept).
    """
    todo = stale_documents(project)
    if not todo:
        return 0
    version = dictionary_version(project)
    terms = dictionary_terms(project)
    done = 0
    with project.transaction(), closing(_segment_all(project, todo, terms)) as results:
        for group in results:  # one group's rows in one statement (see ``write_tokens``)
            project.write_tokens([(document_id, version, tokens, offsets)
                                  for document_id, tokens, offsets in group])
            done += len(group)
            if on_progress is not None and on_progress(done, len(todo)) is False:
                return done
    return done


# Below this many characters a process pool costs more than it saves.
PARALLEL_THRESHOLD = 300_000
GROUP_CHARACTERS = 250_000  # one task for a worker: a few tenths of a second of cutting


def _groups(project: Project, todo: list[int], characters: int = GROUP_CHARACTERS) -> Iterator[list[tuple[int, str]]]:
    """Documents to segment, read in groups of about ``characters`` characters (bounded memory)."""
    group: list[tuple[int, str]] = []
    size = 0
    for document_id, text in project.document_texts(todo):
        group.append((document_id, text))
        size += len(text)
        if size >= characters:
            yield group
            group, size = [], 0
    if group:
        yield group


def _segment_all(project: Project, todo: list[int],
                 terms: list[str]) -> Iterator[list[tuple[int, str | bytes, bytes]]]:
    """The cache rows' payloads (``segment_texts``), a group of documents at a time, in document order."""
    groups = _groups(project, todo)
    head: list[list[tuple[int, str]]] = []
    size = 0
    for group in groups:  # read ahead just far enough to know whether a pool pays
        head.append(group)
        size += sum(len(text) for _id, text in group)
        if size >= PARALLEL_THRESHOLD:
            break
    workers = _worker_count(size)
    if workers <= 1:
        for group in chain(head, groups):
            yield list(segment_texts(group, terms))
        return
    import multiprocessing

    if terms:  # the segmenter is loaded once, here; each forked worker inherits it
        tokenizer_for(terms)
    warm_up()
    pending: deque = deque()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for group in chain(head, groups):
            pending.append(pool.apply_async(_segment_group, ((group, terms),)))
            if len(pending) >= 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _worker_count(characters: int) -> int:
    import multiprocessing
    import os
    import sys

    if characters < PARALLEL_THRESHOLD or not sys.platform.startswith("linux"):
        return 1  # fork is Linux-safe here; elsewhere a spawned worker would reload the segmenter
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _segment_group(args: tuple[list[tuple[int, str]], list[str]]) -> list[tuple[int, bytes, bytes]]:
    """A worker's task: the rows of a group, the tokens as UTF-8 (``write_tokens`` stores them as text:
    the writing process neither decodes them from the pickle nor encodes them for SQLite)."""
    documents, terms = args
    return [(document_id, tokens.encode("utf-8"), offsets)
            for document_id, tokens, offsets in segment_texts(documents, terms)]


def segment_texts(documents: Iterable[tuple[int, str]], terms: list[str]) -> Iterator[tuple[int, str, bytes]]:
    """(document id, space-joined search words, packed offsets) for each text: a cache row's payload."""
    tokenizer = tokenizer_for(terms)
    documents = list(documents)  # a group (``_groups``): cut together, see ``segment_packed_many``
    rows = segment_packed_many([text for _id, text in documents], tokenizer=tokenizer)
    for (document_id, _text), (tokens, offsets) in zip(documents, rows):
        yield document_id, tokens, offsets


def document_tokens(project: Project, document_id: int) -> DocumentTokens:
    """A document's tokens from the cache, segmenting (and caching) it first if needed."""
    row = project.cached_tokens(document_id)
    if row is None or row[0] != dictionary_version(project):
        text = project.document_text(document_id)
        tokenizer = project_tokenizer(project)
        if project.readonly:
            words, flat = segment(text, tokenizer=tokenizer)
            return DocumentTokens(document_id, words, list(zip(flat[0::2], flat[1::2])))
        with project.transaction():
            return _store(project, document_id, text, tokenizer, dictionary_version(project))
    return decode(document_id, row[1], row[2])


def decode(document_id: int, tokens: str, offsets: bytes) -> DocumentTokens:
    """Rebuild ``DocumentTokens`` from a cache row."""
    flat = array("i")
    flat.frombytes(offsets)
    words = tokens.split(" ") if tokens else []
    spans = list(zip(flat[0::2], flat[1::2]))
    return DocumentTokens(document_id, words, spans)


def _store(project: Project, document_id: int, text: str, tokenizer, version: str) -> DocumentTokens:
    words, flat = segment(text, tokenizer=tokenizer)
    _write(project, document_id, version, " ".join(words), flat.tobytes())
    return DocumentTokens(document_id, words, list(zip(flat[0::2], flat[1::2])))


def _write(project: Project, document_id: int, version: str, tokens: str, offsets: bytes) -> None:
    project.write_tokens([(document_id, version, tokens, offsets)])
