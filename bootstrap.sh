#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Pluvia's one-command setup for Debian 12. Idempotent and incremental:
#   ./bootstrap.sh gui    install what is missing, build, start Pluvia on the demo workspace
#   ./bootstrap.sh test   install what is missing, build, run the whole test suite, the fuzz
#                         corpora and the package checks
#   ./bootstrap.sh build  install what is missing and build
#   ./bootstrap.sh sanitize  the whole suite built with ASan + UBSan (in build-sanitize)
#   ./bootstrap.sh fuzz [SECONDS]  libFuzzer harnesses: replay the seed corpora, fuzz each
#                         harness SECONDS (default 60; fuzz/run.sh)
#   ./bootstrap.sh package  build the Debian package (build/pluvia_*.deb) and check it
#                         (tools/package-check.sh: lintian, validators, install, run, purge)
# Environment: BUILD_DIR (default: build), FUZZ_BUILD_DIR (default: build-fuzz), JOBS (default:
# all cores), FUZZ_BUDGET (test: fuzzing per harness after the replay, SECONDS or runs:N,
# default runs:2000 with a fixed seed; fuzz/run.sh).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build_dir="${BUILD_DIR:-$here/build}"
jobs="${JOBS:-$(nproc)}"
mode="${1:-}"

# Debian 12 packages only. libopenblas0-pthread: LibTorch hands transposed convolutions, matmuls
# and small convolutions to the system BLAS, and the default reference BLAS is 4-30x slower.
# libgloo-dev: LibTorch's distributed headers need it. libjpeg62-turbo-dev, libtiff-dev: JPEG
# decoding and TIFF checks that hear the libraries' errors. zlib1g-dev: checkpoints' CRC-32s.
# mate-backgrounds: demo photographs. python3: the man pages and shell completions are made
# from the programs' --help (tools/cli_reference.py).
# qt6-translations-l10n, fonts-wqy-microhei: Qt's own strings and a font for the Chinese and
# Korean translations.
packages=(
    cmake ninja-build g++ pkg-config ccache clang-format git python3
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libqt6sql6-sqlite libqt6svg6 fonts-wqy-microhei
    libtorch-dev libgloo-dev libopenblas0-pthread libopencv-dev libqcustomplot-dev
    libjpeg62-turbo-dev libtiff-dev zlib1g-dev
    libgtest-dev mate-backgrounds xvfb xauth
)

# The fuzz harnesses (fuzz/): clang with libFuzzer and the sanitizer runtimes.
fuzz_packages=(clang libclang-rt-14-dev)
fuzz_build_dir="${FUZZ_BUILD_DIR:-$here/build-fuzz}"
# The Debian package: dpkg-shlibdeps for its Depends, and Debian's own checks of it.
package_packages=(dpkg-dev lintian desktop-file-utils appstream man-db)

usage() {
    sed -n '3,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
}

install_missing() {
    local missing=()
    for package in "${packages[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    echo "bootstrap: installing missing Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "bootstrap: need root or sudo to install packages" >&2; exit 1; }
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
    if [ ! -f "$build_dir/build.ninja" ]; then
        cmake -S "$here" -B "$build_dir" -G Ninja
    fi
    cmake --build "$build_dir" -j "$jobs"
}

# Makes build/pluvia_VERSION_ARCH.deb from the build and checks it (tools/package-check.sh).
package_and_check() {
    rm -f "$build_dir"/pluvia_*.deb
    (cd "$build_dir" && cpack -G DEB)
    "$here/tools/package-check.sh" "$build_dir"/pluvia_*.deb "$build_dir/package-check"
}

case "$mode" in
    gui)
        install_missing
        build
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
            echo "bootstrap: no display (DISPLAY/WAYLAND_DISPLAY unset); to try Pluvia headless:" >&2
            echo "  xvfb-run -a $build_dir/app/pluvia --demo" >&2
            exit 1
        fi
        exec "$build_dir/app/pluvia" --demo
        ;;
    test)
        # The models tests compare Pluvia's networks with PyTorch's (torchvision's VGG-16);
        # opencv-doc's sample images carry NIQE's reference scores (tests/core/test_niqe.cpp);
        # clang and its runtime build the fuzz harnesses; bash, zsh and man try the completions
        # and man pages (tests/app/test_cli_reference.cpp).
        test_packages=(python3-torchvision opencv-doc zsh man-db "${fuzz_packages[@]}"
            "${package_packages[@]}")
        packages+=("${test_packages[@]}")
        install_missing
        build
        cmake --build "$build_dir" --target format-check
        (cd "$build_dir" && ctest --output-on-failure -j "$jobs" --timeout 900)
        # The fuzz harnesses' seed corpora (regressions, the header/decoder agreement), then a
        # short fuzzing run of each: a fixed number of inputs from a fixed random seed, so that CI
        # does not fail at random on a finding open fuzzing would make any day; the hour-long
        # runs are recorded in docs/reliability.md.
        FUZZ_BUILD_DIR="$fuzz_build_dir" JOBS="$jobs" "$here/fuzz/run.sh" "${FUZZ_BUDGET:-runs:2000}"
        package_and_check
        ;;
    sanitize)
        packages+=(python3-torchvision opencv-doc zsh man-db)
        install_missing
        build_dir="${BUILD_DIR:-$here/build-sanitize}"
        if [ ! -f "$build_dir/build.ninja" ]; then
            cmake -S "$here" -B "$build_dir" -G Ninja -DPLUVIA_SANITIZE=ON \
                -DCMAKE_BUILD_TYPE=RelWithDebInfo
        fi
        cmake --build "$build_dir" -j "$jobs"
        # Leaks are not checked: LibTorch's and Qt's process-lifetime allocations would drown
        # Pluvia's; the fuzz harnesses check leaks in the parsers.
        export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
        export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
        cd "$build_dir"
        exec ctest --output-on-failure -j "$jobs" --timeout 2700 "${@:2}"
        ;;
    fuzz)
        packages+=("${fuzz_packages[@]}")
        install_missing
        FUZZ_BUILD_DIR="$fuzz_build_dir" JOBS="$jobs" exec "$here/fuzz/run.sh" "${2:-60}"
        ;;
    package)
        packages+=("${package_packages[@]}")
        install_missing
        build
        package_and_check
        ;;
    build)
        install_missing
        build
        ;;
    *)
        usage
        ;;
esac
