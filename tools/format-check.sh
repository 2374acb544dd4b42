#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a C++ file differs from what .clang-format asks for (STYLE.md 37).
# Usage: tools/format-check.sh [CLANG_FORMAT]   (fix with: clang-format -i FILE...)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
clang_format="${1:-clang-format}"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z -- '*.cpp' '*.h' | xargs -0 "$clang_format" --dry-run --Werror
else
    find app core models widgets tests bench fuzz \( -name '*.cpp' -o -name '*.h' \) -print0 |
        xargs -0 "$clang_format" --dry-run --Werror
fi
echo "format-check: every C++ file is formatted"
