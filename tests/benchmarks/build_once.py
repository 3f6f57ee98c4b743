"""Build one site in this process and print wall time, our code's time and peak memory as JSON."""
from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
import jinja2  # noqa: E402
import markdown  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

SPENT = {"markdown": 0.0, "template": 0.0}


def timed(function, key: str):
    """`function`, adding the seconds each call takes to SPENT[key] (outermost calls only)."""
    depth = [0]

    def wrapper(*args, **kwargs):
        depth[0] += 1
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            depth[0] -= 1
            if not depth[0]:
                SPENT[key] += time.perf_counter() - start
    return wrapper


markdown.Markdown.convert = timed(markdown.Markdown.convert, "markdown")  # Python-Markdown, every page it converts
jinja2.Template.render = timed(jinja2.Template.render, "template")  # Material's page template


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
    print(json.dumps({"wall": wall, "ours": sum(timings.values()), "timings": timings, "peak_mb": peak_mb, **SPENT}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
