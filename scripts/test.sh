#!/usr/bin/env bash
# Set up and run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh dev
if ! command -v chromium >/dev/null 2>&1 && [ -z "${FATING_CHROMIUM:-}" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium and CJK fonts for the browser tests…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    echo "warning: chromium not found; browser tests will be skipped (apt-get install chromium)" >&2
  fi
fi
exec .venv/bin/pytest "$@"
