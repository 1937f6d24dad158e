#!/usr/bin/env bash
# Installs the Python side (training, export, reference metric scorers) from Debian's archive: there is no PyPI here.
# Idempotent: does nothing when the modules already import.
set -euo pipefail
PY=/usr/bin/python3
if "$PY" -c 'import torch, onnx, numpy, PIL, tqdm, pytest' 2>/dev/null; then exit 0; fi
echo "setup-python: installing python3-torch and friends from Debian (one time, ~2 min)" >&2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# libopenblas0-openmp: without an optimised BLAS Debian's torch runs fp32 matmuls ~40x slower; the OpenMP build
# does not fight torch's own OpenMP threads the way the pthread build does.
$SUDO apt-get install -y -q --no-install-recommends python3-torch python3-onnx python3-numpy python3-pil \
  python3-tqdm python3-pytest libopenblas0-openmp
"$PY" -c 'import torch, onnx, numpy, PIL, tqdm, pytest'
