"""Writing files so that a failed or interrupted run never leaves a half-written one."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str, overwrite: bool = True) -> None:
    """Write `text` to a temporary file beside `path`, then move it into place in one step.

    With overwrite=False an existing `path` is never replaced (FileExistsError), even by a race."""
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(handle.name, path)
        else:
            os.link(handle.name, path)  # fails if `path` exists, unlike rename
            os.unlink(handle.name)
    except BaseException:
        if os.path.exists(handle.name):
            os.unlink(handle.name)
        raise
