"""Settings of the benchmarks: the product's settings, plus the bench-only URLconf and templates.

Selected with DJANGO_SETTINGS_MODULE=bench.settings by bench/pages.py and bench/load.py (in-process
and in the gunicorn they start). Everything else (middleware, database, security) is the
product's, read from the same environment variables.
"""

import os
import tempfile
from pathlib import Path

from qvt.settings import *  # noqa: F403
from qvt.settings import BASE_DIR, TEMPLATES

# The product's URLs plus bench/bare/ and bench/bare-layout/ (never in qvt/urls.py).
ROOT_URLCONF = "bench.urls"

TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]

# With DEBUG off, {% static %} needs the manifest written by collectstatic: the bench scripts run
# collectstatic here, outside the work tree, so they never touch the product's staticfiles/.
STATIC_ROOT = Path(
    os.environ.get("QVT_BENCH_STATIC_ROOT") or Path(tempfile.gettempdir()) / "qvt-bench-static"
)
