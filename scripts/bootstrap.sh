#!/usr/bin/env bash
# Makes a fresh clone runnable: installs npm packages when node_modules is missing or older than the lock file.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# onnxruntime-node's install script downloads CUDA binaries, which cannot work offline; its CPU build is bundled.
export ONNXRUNTIME_NODE_INSTALL=skip
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: installing npm packages" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
