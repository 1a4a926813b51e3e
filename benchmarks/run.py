"""Throughput and memory benchmarks, run by `make bench` (never by `make test`).

1. Pipeline throughput against the bare spaCy parse of the same texts, one core: the
   bundled sample corpus (and the reference article when ../shared is present), repeated.
   SPEC asks for the whole pipeline at >= 60% of the bare parse's throughput.
2. Gazetteer load time and memory, in a fresh process (issue bar: < 2 s, < 300 MB), and the
   same for the learned event detector: its weights and the sentence encoder, up to the first
   embedded sentence (issue bar: < 1 s, < 200 MB).
3. Sentence-level type and actor accuracy on the PLOVER gold-standard records (English) and
   the UniversalPetrarch validation sentences (Spanish) when ../shared is present: see
   plover_gsr.py and spanish_cameo.py (each also runs alone, with --limit and --show-misses).
4. Toponyms found and resolved on the TR-News and GeoVirus articles when ../shared is
   present: share within 161 km, right country, median error (geoparse.py, same options).
5. Cross-document merging of 100,000 synthetic mentions: mentions/s and peak memory
   (corpus_merge.py, with --mentions and --events).
6. The dashboard's pages: render time on the sample corpus (bar < 1 s) and on 10,000
   corpus events (bar < 2 s) (dashboard.py, with --events and --repeat).
7. The dashboard under load: 1,000 requests to `/api/v1/events` and every page on 10,000
   corpus events, served by uvicorn on 127.0.0.1; p95 latency per endpoint (bar < 200 ms
   over all, no error) (web_load.py, with --events, --requests and --seconds).
8. One long document: 300,000, 1,200,000 and 4,000,000 characters of sample reports through
   the pipeline in chunks, time and peak resident memory in a fresh process (issue 16's bar
   for 1.2 MB and 4 MB: < 1 GB) (long_document.py, with --characters and --unchunked for
   the one-piece parse it replaced).
9. 1 against 2 local workers on 203 reports: speed-up (bar >= 1.8x), the same records,
   the largest worker's peak memory (bar < 1 GB) (workers.py, with --reports).
10. Cost that grows with what changed: a synthetic archive of 100,000 reports stored,
   merged and tallied on SQLite and PostgreSQL (time and peak memory), then 10 reports
   added to an empty store and to the archive (bar: less than 2x) (corpus_scale.py, with
   --documents and --backends).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import corpus_merge
import corpus_scale
import dashboard
import geoparse
import long_document
import plover_gsr
import spanish_cameo
import web_load
import workers

from quipu.ingest import iter_documents
from quipu.nlp import build_pipeline, extract, parser_pipes

REPEAT = 3
SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev" / "seed-peru.txt"


def _documents() -> list:
    folder = resources.files("quipu.resources").joinpath("sample/peru-2022")
    paths = [folder]
    if SEED.exists():
        paths.append(SEED)
    with resources.as_file(folder):
        return list(iter_documents([str(p) for p in paths], on_error=print))


def throughput() -> dict[str, float]:
    documents = _documents()
    characters = sum(len(d.text) for d in documents) * REPEAT
    for language in {d.language or "en" for d in documents}:
        build_pipeline(language)
        extract(next(d for d in documents if (d.language or "en") == language))  # warm up
    bare_seconds = 0.0
    for document in documents * REPEAT:
        nlp = build_pipeline(document.language or "en")
        names = parser_pipes(nlp)
        started = time.perf_counter()
        with nlp.select_pipes(enable=names):
            nlp(document.text)
        bare_seconds += time.perf_counter() - started
    started = time.perf_counter()
    for document in documents * REPEAT:
        extract(document)
    full_seconds = time.perf_counter() - started
    return {
        "documents": len(documents) * REPEAT,
        "characters": characters,
        "bare_chars_per_s": characters / bare_seconds,
        "quipu_chars_per_s": characters / full_seconds,
        "ratio": bare_seconds / full_seconds,
    }


# Run in a fresh process: what loading one component costs, in seconds and resident MB.
LOAD_PROBE = """
import json, time
{imports}

def rss_mb():
    with open("/proc/self/status") as status:
        line = next(l for l in status if l.startswith("VmRSS"))
    return int(line.split()[1]) / 1024

before = rss_mb()
started = time.perf_counter()
{load}
seconds = time.perf_counter() - started
print(json.dumps({{"load_s": seconds, "added_mb": rss_mb() - before}}))
"""


def _probe(imports: str, load: str) -> dict[str, float]:
    code = LOAD_PROBE.format(imports=imports, load=load)
    output = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def gazetteer() -> dict[str, float]:
    return _probe("from quipu.nlp import gazetteer", "gazetteer.get_gazetteer()")


def detector_load() -> dict[str, float]:
    """The detector's weights and the sentence encoder, up to the first embedded sentence."""
    return _probe(
        # numpy and spaCy first: the pipeline has loaded them anyway
        "import numpy, spacy\nfrom quipu.nlp import detector",
        "detector.load_model()\n"
        'detector.embed(["Police fired tear gas at protesters in the capital on Monday."])',
    )


def main() -> int:
    speed = throughput()
    print(
        f"pipeline: {speed['documents']} documents, {speed['characters']} characters; "
        f"bare spaCy {speed['bare_chars_per_s']:,.0f} chars/s, "
        f"Quipu {speed['quipu_chars_per_s']:,.0f} chars/s, "
        f"ratio {speed['ratio']:.2f} (bar >= 0.50)"
    )
    geo = gazetteer()
    print(
        f"gazetteer: loaded in {geo['load_s']:.2f} s (bar < 2 s), "
        f"+{geo['added_mb']:.0f} MB resident (bar < 300 MB)"
    )
    model = detector_load()
    print(
        f"event detector: loaded and first sentence embedded in {model['load_s']:.2f} s "
        f"(bar < 1 s), +{model['added_mb']:.0f} MB resident (bar < 200 MB)"
    )
    plover_gsr.main([])
    spanish_cameo.main([])
    geoparse.main([])
    corpus_merge.main([])
    dashboard.main([])
    web_load.main([])
    for characters in ("300000", "1200000", "4000000"):  # issue 16: 1.2 MB and 4 MB < 1 GB
        long_document.main(["--characters", characters])
    workers.main([])
    corpus_scale.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main())
