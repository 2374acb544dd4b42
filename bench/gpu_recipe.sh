#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# On a GPU machine with PyTorch (and so its LibTorch) but no Qt or OpenCV: trains each method's
# paper preset on the demo workspace's data with pluvia-models-train, and derains the demo's test
# split with each. Scoring happens back where Pluvia is installed (docs/training.md, GPU recipes).
#   bench/gpu_recipe.sh DATASETS OUT_DIR
# DATASETS holds the demo's synthetic/, real_rainy/ and real_rainy_test/rain/ as PNG. OUT_DIR gets
# recipe.log (losses, steps, time, peak GPU memory) and derained.tar.gz (one folder per run).
set -euo pipefail
data="$1"
out="$2"
build="${BUILD_DIR:-/tmp/pluvia-models-build}"
pack="${PACK_DIR:-/tmp/pluvia-pack}"
log="$out/recipe.log"
prefix="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')"
cmake -S models -B "$build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" -DTORCH_CUDA_ARCH_LIST=9.0 \
    > "$out/build.log" 2>&1 || { tail -40 "$out/build.log"; exit 1; }
cmake --build "$build" -j "$(nproc)" --target pluvia-models-train >> "$out/build.log" 2>&1 \
    || { tail -40 "$out/build.log"; exit 1; }
rm "$out/build.log"
for dataset in synthetic real_rainy real_rainy_test/rain; do
    python3 bench/png_ppm.py to-ppm "$data/$dataset" "$pack/$dataset" &
done
wait
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee -a "$log"

# One run: its log, and the most GPU memory nvidia-smi saw in use meanwhile (CUDA context
# included) sampled every 200 ms.
train() {
    local name="$1"
    shift
    nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 200 > "$pack/$name.mem" &
    local sampler=$!
    echo "## $name: $*" | tee -a "$log"
    "$build/pluvia-models-train" --device cuda --threads "$(nproc)" --log-every 50 \
        --test "$pack/real_rainy_test/rain" --out "$pack/derained/$name" "$@" 2>&1 \
        | tee -a "$log" || echo "$name failed" | tee -a "$log"
    kill "$sampler"
    echo "$name: peak GPU memory in use $(sort -n "$pack/$name.mem" | tail -1) MiB" | tee -a "$log"
}
paired="synthetic_paired=$pack/synthetic"
real="real_rainy=$pack/real_rainy"
train supervised-paper --method supervised --preset paper --data "$paired"
train supervised-paper-2000 --method supervised --preset paper --data "$paired" --steps 2000
train jrgr-paper --method jrgr --preset paper --data "$paired" --data "$real" --seconds 200
train udrdr-paper --method udrdr --preset paper --data "$paired" --data "$real" --seconds 120
tar czf "$out/derained.tar.gz" -C "$pack/derained" .
