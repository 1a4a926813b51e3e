"""The Dask runner: the pipeline on the workers of a Dask cluster, for more than one machine.

`--scheduler tcp://HOST:8786` sends chunks of documents to the workers of a running Dask
scheduler; `--scheduler local` starts a `LocalCluster` of worker processes on this machine
first (and stops it at the end). Each worker loads the models once, on its first chunk, and
keeps them; the calling process keeps at most two chunks per worker in flight and yields the
extractions in the order of the documents, so that the records stored or printed are the
same as with any other runner. Records are written by the calling process (one writer);
corpus merging happens after, as for any ingest.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from quipu.errors import Errors, PipelineError, printable
from quipu.records import Document, Extraction

CHUNK = 8
IN_FLIGHT = 2
LOCAL = "local"
CONNECT_SECONDS = 10  # how long to try reaching a scheduler before E105

_MODELS: dict[tuple[tuple[str, ...], tuple[str, ...]], Any] = {}


def extract_on_dask(
    documents: Iterable[Document],
    *,
    scheduler: str,
    actors: list[str],
    places: list[str],
    chunk: int = CHUNK,
    local_workers: int = 2,
) -> Iterator[Extraction]:
    """Extract `documents` on a Dask cluster and yield the extractions in order.

    Args:
        scheduler: a scheduler address ("tcp://10.0.0.5:8786"), or "local" to start a
            LocalCluster of `local_workers` processes here.
        actors, places: the user's files, which every worker must be able to read.
    """
    from distributed import Client, LocalCluster

    cluster = None
    try:
        if scheduler == LOCAL:
            cluster = LocalCluster(
                n_workers=local_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                host="127.0.0.1",
            )
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout=CONNECT_SECONDS)
    except (OSError, ValueError, TypeError) as exc:
        if cluster is not None:
            cluster.close()
        reason = printable(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        raise PipelineError(
            Errors.E105.format(address=printable(scheduler), reason=reason)
        ) from exc
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque[Any] = deque()
        documents = iter(documents)
        while True:
            while len(pending) < workers * IN_FLIGHT:
                batch = list(islice(documents, chunk))
                if not batch:
                    break
                pending.append(client.submit(_extract_chunk, batch, actors, places, pure=False))
            if not pending:
                return
            yield from pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _extract_chunk(documents: list[Document], actors: list[str], places: list[str]) -> list:
    """Extract a chunk on a worker, loading the models on the worker's first chunk."""
    from quipu.runners.local import load_extractor

    key = (tuple(actors), tuple(places))
    if key not in _MODELS:
        _MODELS[key] = load_extractor(actors, places)
    return list(_MODELS[key](documents))
