#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# On a GPU machine with PyTorch (and so its LibTorch) but no Qt: builds models/ and its benchmark
# against PyTorch's bundled LibTorch, checks CUDA against the CPU, and times Pluvia's methods and
# the PyTorch reference scripts on the GPU (and the supervised baseline on the CPU), with the
# same LibTorch build.
#   bench/gpu_models_bench.sh [OUT_DIR]
set -euo pipefail
out="${1:-.}"
build="${BUILD_DIR:-/tmp/pluvia-models-build}"
threads="$(nproc)"
prefix="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')"
export PYTHONUNBUFFERED=1
cmake -S models -B "$build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" -DTORCH_CUDA_ARCH_LIST=9.0 \
    > "$out/configure.log" 2>&1 || { tail -40 "$out/configure.log"; exit 1; }
cmake --build "$build" -j "$threads" > "$out/build.log" 2>&1 || { tail -40 "$out/build.log"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
python3 -c 'import torch; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda)'
bench="$build/pluvia-models-bench"
"$bench" --device cuda --repeats 20 --preset paper --preset reference-code --preset quick --compare-cpu
python3 bench/supervised_reference.py --device cuda --repeats 20
python3 bench/jrgr_reference.py --device cuda --repeats 20
"$bench" --device cpu --threads "$threads" --repeats 5 --method supervised
python3 bench/supervised_reference.py --device cpu --threads "$threads" --repeats 5
