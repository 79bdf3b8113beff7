"""Settings for the test suite: the real settings, with test-only defaults for secrets.

Variables already set in the environment win (CI sets DATABASE_URL for the PostgreSQL run).
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("FATING_HTTPS", "0")
# Two audit keys, so rotation can be exercised: "test2" signs, "test1" only verifies.
os.environ.setdefault(
    "FATING_AUDIT_KEYS",
    "test2:test-only-audit-key-two-0123456789abcdefghij,"
    "test1:test-only-audit-key-one-0123456789abcdefghij",
)
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("FATING_MANIFEST_STATIC", "0")


def _redis_db_per_worker() -> None:
    """Give each pytest-xdist worker its own Redis database (gw0 → the given one, gw1 → one
    below, …): tests clear the cache, and a FLUSHDB from one worker must not wipe the other's
    throttle counters or broker queue. Set in the environment so spawned workers agree."""
    url, worker = os.environ.get("REDIS_URL", ""), os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url or not worker.startswith("gw"):
        return
    base, _, db = url.rpartition("/")
    if not db.isdigit() or "//" not in base:
        return
    os.environ["REDIS_URL"] = f"{base}/{max(int(db) - int(worker[2:]), 0)}"


_redis_db_per_worker()

from fating.settings import *  # noqa: E402, F403  (test settings are the real settings)

# Never the developer's var/audit-checkpoints.log: its lines belong to another database's chain.
# Tests that write checkpoints point this at their own tmp_path.
AUDIT_CHECKPOINT_FILE = Path(tempfile.mkdtemp(prefix="fating-test-audit-")) / "checkpoints.log"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; never in production
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tasks run inline in the test process (the PostgreSQL + Redis run included); the real worker is
# exercised by core/tests/test_celery_worker.py, which starts one against the Redis broker.
CELERY_TASK_ALWAYS_EAGER = True
