"""One long document through the whole pipeline: time and peak memory, chunked or not.

The text is the bundled English sample reports, one after another and repeated up to
`--characters` (300,000 by default). Each run is a fresh process, so that its peak resident
memory (`resource.getrusage`, ru_maxrss) is the document's and the pipeline's alone; the
pipeline is built and warmed up on one short report first, and its resident size then is
printed too, so that what the long document added is the difference.

`--unchunked` reads the text in one piece instead (the chunk size raised above its length),
as Quipu did before: expect over a gigabyte more for 300,000 characters.

    python benchmarks/long_document.py [--characters 300000] [--unchunked]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from importlib import resources

from quipu.ingest import iter_documents
from quipu.nlp import ActorDirectory, chunks, extract
from quipu.records import Document


def _fail(error: Exception) -> None:
    raise error


def long_text(characters: int) -> str:
    """The English sample reports, repeated up to `characters` characters."""
    folder = resources.files("quipu.resources").joinpath("sample/peru-2022")
    with resources.as_file(folder) as path:
        documents = list(iter_documents([str(path)], on_error=_fail))
    english = "\n\n".join(d.text for d in documents if d.language == "en")
    return ("\n\n".join([english] * (characters // len(english) + 1)))[:characters]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def measure(characters: int, *, unchunked: bool) -> dict[str, float]:
    """Extract one document of `characters` characters in this process."""
    text = long_text(characters)
    if unchunked:
        chunks.CHUNK_CHARACTERS = len(text) + 1
    directory = ActorDirectory.load([])
    extract(Document(text=text[:2_000], source="warm-up", language="en"), directory=directory)
    before = _peak_mb()
    document = Document(text=text, source="long", language="en")
    started = time.perf_counter()
    extraction = extract(document, directory=directory)
    seconds = time.perf_counter() - started
    return {
        "characters": len(text),
        "chunks": len(chunks.split_text(text)),
        "seconds": seconds,
        "chars_per_s": len(text) / seconds,
        "peak_mb_before": before,
        "peak_mb": _peak_mb(),
        "events": len(extraction.events),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--characters", type=int, default=300_000)
    parser.add_argument("--unchunked", action="store_true")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.inside:
        result = measure(arguments.characters, unchunked=arguments.unchunked)
        print(json.dumps(result))
        return 0
    command = [sys.executable, __file__, "--inside", "--characters", str(arguments.characters)]
    if arguments.unchunked:
        command.append("--unchunked")
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    mode = "unchunked" if arguments.unchunked else f"{result['chunks']} chunks"
    print(
        f"long document: {result['characters']:,} characters ({mode}) in "
        f"{result['seconds']:.1f} s ({result['chars_per_s']:,.0f} chars/s), "
        f"{result['events']} events; peak resident {result['peak_mb']:.0f} MB "
        f"({result['peak_mb_before']:.0f} MB after warm-up)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
