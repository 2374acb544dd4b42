#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks a Pluvia .deb as Debian and a user would (issue 21), failing loudly:
#   tools/package-check.sh PACKAGE.deb [OUT]    (OUT: where the screenshot goes; default: a
#                                                temporary folder)
# 1. lintian: no error and no warning (infos are listed, not failures);
# 2. desktop-file-validate on the desktop entry and appstreamcli validate --no-net on the
#    AppStream metadata, both as the package installs them;
# 3. install into a clean root (dpkg --root on an empty folder: the machine's own /usr is never
#    touched; the libraries it depends on come from the machine), then run what was installed:
#    pluvia-cli --version, the starter models it finds beside itself, pluvia-cli demo, man on
#    both pages, and the GUI under Xvfb with a screenshot;
# 4. purge it again: nothing of it may be left in the root.
set -euo pipefail

package="$(realpath "${1:?usage: tools/package-check.sh PACKAGE.deb [OUT]}")"
out="${2:-$(mktemp -d /tmp/pluvia-package-check.XXXXXX)}"
mkdir -p "$out"
say() { echo "package-check: $*"; }
fail() {
    echo "package-check: FAILED: $*" >&2
    exit 1
}
work="$(mktemp -d /tmp/pluvia-package-root.XXXXXX)"
trap 'rm -rf "$work"' EXIT
root="$work/root"

# 1. lintian
lintian --fail-on error,warning --display-info "$package" > "$out/lintian.txt" 2>&1 ||
    { cat "$out/lintian.txt" >&2; fail "lintian reports errors or warnings"; }
say "lintian: no error, no warning ($(grep -c '^I: ' "$out/lintian.txt" || true) infos in $out/lintian.txt)"

# 2. the desktop entry and AppStream metadata inside the package
dpkg-deb -x "$package" "$work/contents"
desktop-file-validate "$work/contents/usr/share/applications/org.pluvia.Pluvia.desktop" ||
    fail "desktop-file-validate"
appstreamcli validate --no-net "$work/contents/usr/share/metainfo/org.pluvia.Pluvia.metainfo.xml" \
    > "$out/appstream.txt" 2>&1 || { cat "$out/appstream.txt" >&2; fail "appstreamcli validate"; }
say "desktop-file-validate and appstreamcli validate --no-net: valid"

# 3. install into an empty root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
dpkg_root=(dpkg --root="$root" --force-not-root --force-depends --log=/dev/null)
"${dpkg_root[@]}" -i "$package" > "$out/install.txt" 2>&1 ||
    { cat "$out/install.txt" >&2; fail "dpkg --root -i"; }
installed=$(find "$root/usr" -type f | wc -l)
say "installed $(basename "$package") into $root: $installed files"

cli="$root/usr/bin/pluvia-cli"
version="$("$cli" --version)" || fail "pluvia-cli --version"
say "$version"
models="$("$cli" derain --list-models)" || fail "pluvia-cli derain --list-models"
[ -n "$models" ] || fail "the installed pluvia-cli finds no starter model"
say "starter models found beside the installed program: $(echo $models)"
"$cli" demo --out "$work/demo" > "$out/demo.txt" 2>&1 ||
    { cat "$out/demo.txt" >&2; fail "pluvia-cli demo"; }
say "pluvia-cli demo: $(tail -1 "$out/demo.txt")"
for page in pluvia pluvia-cli; do
    warnings="$(LC_ALL=C.UTF-8 man --warnings -E UTF-8 -l "$root/usr/share/man/man1/$page.1.gz" 2>&1 >/dev/null)"
    [ -z "$warnings" ] || fail "man $page: $warnings"
done
say "man pluvia and man pluvia-cli render without a warning"

# The GUI as the desktop starts it (Exec=pluvia %f): on a folder, then on an image, which it
# decomposes in the workspace opened last.
gui() {
    local name="$1" target="$2" screenshot="$out/$1.png"
    rm -f "$screenshot"
    HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" \
        XDG_DATA_HOME="$work/home/.local/share" timeout 180 \
        xvfb-run -a -s "-screen 0 1600x1000x24" "$root/usr/bin/pluvia" "$target" \
        --screenshot "$screenshot" --screenshot-after 8000 > "$out/$name.txt" 2>&1 ||
        { cat "$out/$name.txt" >&2; fail "the installed pluvia under Xvfb ($name)"; }
    [ "$(stat -c %s "$screenshot" 2>/dev/null || echo 0)" -gt 20000 ] ||
        fail "the installed GUI left no screenshot ($name)"
}
gui installed-gui-folder "$work/demo"
image="$(find "$work/demo/datasets/real_rainy_test/rain" -name '*.png' | sort | head -1)"
gui installed-gui-image "$image"
say "the installed pluvia started under Xvfb on the workspace and on $(basename "$image"):" \
    "$out/installed-gui-folder.png, $out/installed-gui-image.png"

# 4. purge: nothing left
"${dpkg_root[@]}" --purge pluvia > "$out/purge.txt" 2>&1 ||
    { cat "$out/purge.txt" >&2; fail "dpkg --root --purge"; }
left="$(find "$root" -mindepth 1 -not -path "$root/var" -not -path "$root/var/lib" \
    -not -path "$root/var/lib/dpkg*")"
[ -z "$left" ] || fail "left after the purge: $left"
say "purged: nothing of it left in the root (was $installed files)"
