#!/usr/bin/env bash
# Runs a module of model/python with Debian's python3 (the python3 first on PATH may be another build without torch).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup-python.sh"
export PYTHONPATH="$root/model/python${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONUNBUFFERED=1
exec /usr/bin/python3 "$@"
