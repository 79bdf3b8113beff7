#!/usr/bin/env bash
# Debian packages the project needs beyond Python: Pango for WeasyPrint (PDF), Noto CJK fonts for
# Chinese documents, ffmpeg for packaging trial broadcasts into HLS (庭审直播), and (with
# "browser") Chromium for the browser tests. Installs only what is
# missing, and only when it can (root with apt-get); otherwise says what to install.
set -euo pipefail
want=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || want+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || want+=(fonts-noto-cjk)
command -v ffmpeg >/dev/null 2>&1 || [ -n "${FATING_FFMPEG:-}" ] || want+=(ffmpeg)
if [ "${1:-}" = "browser" ] && ! command -v chromium >/dev/null 2>&1 && [ -z "${FATING_CHROMIUM:-}" ]; then
  want+=(chromium)
fi
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${want[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null
else
  echo "warning: missing Debian packages (install them as root): ${want[*]}" >&2
fi
