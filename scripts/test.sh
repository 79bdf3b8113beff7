#!/usr/bin/env bash
# Set up and run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh dev
./scripts/system-packages.sh browser
exec .venv/bin/pytest "$@"
