"""Build one site in this process and print wall time, our code's time and peak memory as JSON."""
from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402


def main(config_file: str, site_dir: str) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    start = time.perf_counter()
    config = load_config(config_file, site_dir=site_dir, strict=True)
    build(config)
    wall = time.perf_counter() - start
    timings = {}
    if "rsitr.build" in sys.modules:
        timings = dict(sys.modules["rsitr.build"].TIMINGS)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": wall, "ours": sum(timings.values()), "timings": timings, "peak_mb": peak_mb}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
