#!/usr/bin/env bash
# The whole test suite: Python model tests, then every TypeScript test (unit, parity, whole-system).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh
bash scripts/setup-python.sh
bash scripts/setup-browser.sh
echo "== Python: model, training, export"
PYTHONPATH="$root/model/python" OMP_NUM_THREADS=2 /usr/bin/python3 -m pytest -q -p no:cacheprovider model/python/tests
echo "== TypeScript: vitest"
npx vitest run "$@"
