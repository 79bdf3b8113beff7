#!/usr/bin/env bash
# Set up and run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh dev
./scripts/system-packages.sh browser
# Two workers by default (the machines have two cores); FATING_TEST_WORKERS=0 runs serially.
# loadgroup: the tests driving the seeded demo server share one worker (conftest.py).
exec .venv/bin/pytest -n "${FATING_TEST_WORKERS:-2}" --dist loadgroup "$@"
