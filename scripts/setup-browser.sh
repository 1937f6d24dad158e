#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (playwright-core drives it; a downloaded browser cannot work
# offline). Idempotent.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "setup-browser: installing chromium from Debian (one time)" >&2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium
