"""1 against 2 local workers on the same corpus (run by hand or `make bench`).

The bundled sample corpus, repeated to 200 reports or more, is extracted once in this
process (`--workers 1`) and once in two worker processes (`--workers 2`), wall time measured
from the first document handed over to the last extraction back, worker start-up included.
Issue 16's bar: 2 workers at least 1.8 times as fast as 1 on a 2-core machine, the records
the same, and each worker's peak resident memory under 1 GB (read from the operating system
for the largest worker once they have ended). `--reports N` sets the corpus size.
"""

from __future__ import annotations

import argparse
import math
import resource
import sys
import time
from collections.abc import Sequence
from importlib import resources

from quipu.ingest import iter_documents
from quipu.runners import extractor


def _corpus(reports: int) -> list:
    folder = resources.files("quipu.resources").joinpath("sample/peru-2022")
    with resources.as_file(folder) as path:
        sample = list(iter_documents([path], on_error=print))
    return (sample * math.ceil(reports / len(sample)))[:reports]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=203)
    args = parser.parse_args(argv)
    documents = _corpus(args.reports)
    timings: dict[int, float] = {}
    records: dict[int, list[dict]] = {}
    for workers in (1, 2):
        extract_all = extractor(workers=workers)
        list(extractor(workers=1)(documents[:1]))  # the models of this process, warmed
        started = time.perf_counter()
        records[workers] = [e.to_dict() for e in extract_all(documents)]
        timings[workers] = time.perf_counter() - started
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    same = records[1] == records[2]
    print(
        f"workers: {len(documents)} reports, 1 worker {timings[1]:.1f} s, 2 workers "
        f"{timings[2]:.1f} s (start-up included): {timings[1] / timings[2]:.2f}x (bar >= 1.8x); "
        f"records {'the same' if same else 'DIFFERENT'}; largest worker's peak "
        f"{worker_mb:.0f} MB (bar < 1 GB)"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
