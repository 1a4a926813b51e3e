"""The local runner: the pipeline in N worker processes of this machine.

The calling process loads the models once (spaCy, the detector, the gazetteer and the
user's actor and place files) on the first document, then forks the workers, which share
them (copy on write) instead of spending seconds each loading them again. Workers extract
documents in chunks through `nlp.pipe`; the calling process hands out the chunks, keeps at
most two per worker in flight (so memory stays bounded on a corpus of any size) and yields
the extractions in the order of the documents, so that what is stored or printed is the
same as with one process. Fork is Linux's and macOS's start method; the workers do not
touch the caller's open store.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from quipu.nlp import ActorDirectory, Gazetteer, extract_many
from quipu.records import Document, Extraction

Extractor = Callable[[Iterable[Document]], Iterator[Extraction]]
CHUNK = 8  # documents a worker is handed at once: enough for nlp.pipe, little to wait for
IN_FLIGHT = 2  # chunks per worker queued ahead

_WORKER: dict[str, Extractor] = {}


def extractor(
    *,
    workers: int = 1,
    actors: Sequence[str] = (),
    places: Sequence[str] = (),
    scheduler: str | None = None,
) -> Extractor:
    """Return a function from documents to their extractions, in order.

    Args:
        workers: processes to extract in; 1 runs the pipeline in this one.
        actors: the user's actor directories (YAML), loaded once per process.
        places: the user's place files (YAML or CSV), loaded once per process.
        scheduler: a Dask scheduler's address, or "local" for a LocalCluster of `workers`
            processes (at least 2): the Dask runner (`quipu.runners.dask`).
    """
    if scheduler:
        from quipu.runners.dask import extract_on_dask

        return functools.partial(
            extract_on_dask,
            scheduler=scheduler,
            actors=list(actors),
            places=list(places),
            local_workers=max(2, workers),
        )
    if workers <= 1:
        return load_extractor(list(actors), list(places))
    return functools.partial(
        extract_in_processes, workers=workers, actors=list(actors), places=list(places)
    )


def load_extractor(actors: list[str], places: list[str]) -> Extractor:
    """Return `extract_many` bound to the user's actor directory and places, loaded here."""
    directory = ActorDirectory.load(actors)
    gazetteer = Gazetteer.load(extra=places)
    return functools.partial(extract_many, directory=directory, gazetteer=gazetteer)


def extract_in_processes(
    documents: Iterable[Document],
    *,
    workers: int,
    actors: list[str],
    places: list[str],
    chunk: int = CHUNK,
) -> Iterator[Extraction]:
    """Extract `documents` in `workers` processes and yield the extractions in order."""
    documents = iter(documents)
    first = list(islice(documents, 1))
    if not first:
        return
    # The models are loaded here, once, on the first document; the workers are forked
    # after, and share them instead of loading them again (copy on write).
    _WORKER["extract"] = load_extractor(actors, places)
    yield from _WORKER["extract"](first)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pending: deque[Future[list[Extraction]]] = deque()
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(actors, places),
    ) as pool:
        while True:
            while len(pending) < workers * IN_FLIGHT:
                batch = list(islice(documents, chunk))
                if not batch:
                    break
                pending.append(pool.submit(_extract_chunk, batch))
            if not pending:
                return
            yield from pending.popleft().result()


def _start_worker(actors: list[str], places: list[str]) -> None:
    """Keep the extractor the worker was forked with, or load one (another start method)."""
    if "extract" not in _WORKER:
        _WORKER["extract"] = load_extractor(actors, places)


def _extract_chunk(documents: list[Document]) -> list[Extraction]:
    return list(_WORKER["extract"](documents))
