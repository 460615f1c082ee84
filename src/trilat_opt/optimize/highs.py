"""The one place that makes HiGHS instances, so that every instance in a process agrees.

HiGHS starts a global task scheduler on an instance's first run and fixes its thread count for
the life of the process: a later instance that asks for another count fails to run (its status
stays "Not Set"). And a process forked while scheduler threads run, as the core index's workers
are, can deadlock. trilat-opt therefore runs HiGHS with `THREADS` everywhere (its branch and bound
is largely sequential; parallelism comes from the workers). The first instance also prints a
banner on stdout, which would corrupt `--format json`; it is made with stdout closed.
"""

from __future__ import annotations

import os
import sys
from typing import Any

__all__ = ["THREADS", "new_highs"]

THREADS = 1


def new_highs() -> Any:
    """A silent, single-threaded `highspy.Highs` instance (ImportError when highspy is absent)."""
    import highspy

    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no real stdout (some notebook kernels): nothing to protect
        h = highspy.Highs()
    else:
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                h = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", THREADS)
    return h
