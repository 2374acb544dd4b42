#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer harnesses (clang, ASan + UBSan), replays the seed corpora in
# fuzz/corpus (every input must pass: this is the regression check, and for the image reader
# the header/decoder agreement test), then fuzzes each harness:
#   fuzz/run.sh SECONDS   SECONDS of open fuzzing each (0: replay only; default 60). New inputs
#                         go to FUZZ_BUILD_DIR/corpus/<harness> and carry over between runs.
#   fuzz/run.sh runs:N    N inputs each, from the seeds alone with a fixed random seed: nearly
#                         the same inputs on every run (the test command's short fuzzing).
# JOBS harnesses fuzz at a time, one core each. Environment: FUZZ_BUILD_DIR (default:
# build-fuzz), JOBS (default: all cores). The repository's seeds stay as they are; a crash
# leaves its input in FUZZ_BUILD_DIR/findings and fails the script.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build_dir="${FUZZ_BUILD_DIR:-$here/../build-fuzz}"
jobs="${JOBS:-$(nproc)}"
budget="${1:-60}"
if ! [[ "$budget" =~ ^(runs:)?[0-9]+$ ]]; then
    echo "fuzz/run.sh: expected SECONDS or runs:N, got '$budget'" >&2
    exit 2
fi

if [ ! -f "$build_dir/build.ninja" ]; then
    CXX=clang++ cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build_dir" -j "$jobs"

# LeakSanitizer needs to stop the process's threads (ptrace); where a container forbids that,
# leaks go unchecked rather than every harness failing.
leaks=1
if ! ASAN_OPTIONS=detect_leaks=1 "$build_dir/fuzz_manifest" -runs=1 >"$build_dir/lsan-probe.log" 2>&1 &&
    grep -q "LeakSanitizer has encountered a fatal error" "$build_dir/lsan-probe.log"; then
    leaks=0
    echo "fuzz: LeakSanitizer cannot run here (ptrace denied); leaks are not checked"
fi
export ASAN_OPTIONS="detect_leaks=$leaks:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p "$build_dir/findings"
# harness:corpus folder (the two image harnesses share the image seeds)
harnesses=(image_header:image image_reader:image checkpoint_archive:checkpoint_archive
    manifest:manifest dataset_layout:dataset_layout)

for pair in "${harnesses[@]}"; do
    harness="${pair%%:*}"
    seeds="$here/corpus/${pair##*:}"
    count=$(find "$seeds" -type f | wc -l)
    "$build_dir/fuzz_$harness" -runs=0 -rss_limit_mb=2048 "$seeds" \
        > "$build_dir/$harness-replay.log" 2>&1 || {
        tail -40 "$build_dir/$harness-replay.log" >&2
        echo "fuzz: $harness fails on its seed corpus ($seeds)" >&2
        exit 1
    }
    echo "fuzz: $harness: $count seed inputs replayed, all pass"
done
[ "$budget" = 0 ] && exit 0

case "$budget" in
    runs:*)
        limit=(-runs="${budget#runs:}" -seed=1)
        export QT_HASH_SEED=0 # Qt's hashes are seeded at random otherwise
        work_root="$build_dir/corpus-fixed"
        rm -rf "$work_root"
        ;;
    *)
        limit=(-max_total_time="$budget")
        work_root="$build_dir/corpus"
        ;;
esac

rm -f "$build_dir"/*-fuzz.status
# Fuzzes one harness; its verdict goes to HARNESS-fuzz.status (0: no failure).
fuzz_one() {
    local harness="$1" seeds="$2" log="$build_dir/$1-fuzz.log" start=$SECONDS status=0
    mkdir -p "$work_root/$harness"
    "$build_dir/fuzz_$harness" "${limit[@]}" -max_len=4096 -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$build_dir/findings/$harness-" \
        "$work_root/$harness" "$seeds" > "$log" 2>&1 || status=$?
    echo "$status" > "$build_dir/$harness-fuzz.status"
    if [ "$status" -ne 0 ]; then
        tail -60 "$log" >&2
        echo "fuzz: $harness found a failure; input in $build_dir/findings" >&2
        return
    fi
    local runs edges
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    edges=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
    echo "fuzz: $harness: $((SECONDS - start)) s, ${runs:-?} runs, ${edges:-?} coverage edges," \
        "no failure"
}

# JOBS harnesses at a time, one core each.
for pair in "${harnesses[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        wait -n || true
    done
    fuzz_one "${pair%%:*}" "$here/corpus/${pair##*:}" &
done
wait
for pair in "${harnesses[@]}"; do
    [ "$(cat "$build_dir/${pair%%:*}-fuzz.status" 2>/dev/null)" = 0 ] || exit 1
done
