#!/usr/bin/env bash
# Set up and run the demo: a synthetic county on SQLite, no server to install.
# Extra arguments go to `fating demo` (e.g. --port 8080, --seed 7, --scale 2).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/system-packages.sh
./scripts/bootstrap.sh
exec .venv/bin/fating demo "$@"
