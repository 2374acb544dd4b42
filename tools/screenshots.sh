#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts Pluvia under Xvfb on a workspace and saves a screenshot of what a user sees to
# docs/screenshots/. Usage: tools/screenshots.sh [WORKSPACE] (default: a fresh demo workspace).
# Needs xvfb and imagemagick (for `import`).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$here/build}"
out="$here/docs/screenshots"
mkdir -p "$out"
workspace="${1:-}"
if [ -z "$workspace" ]; then
    workspace="$(mktemp -d)/demo"
    "$build_dir/app/pluvia-cli" demo --out "$workspace"
fi
config="$(mktemp -d)"  # a clean settings folder: the default layout, no recent workspaces

shoot() {  # shoot NAME SECONDS ARGS...
    local name="$1" wait="$2"
    shift 2
    XDG_CONFIG_HOME="$config" xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
        "$0" "$@" & pid=$!
        sleep '"$wait"'
        import -window root "'"$out/$name"'.png"
        kill $pid' "$build_dir/app/pluvia" "$@"
    echo "wrote $out/$name.png"
}

shoot main-window 4 "$workspace"
