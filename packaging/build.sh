#!/usr/bin/env bash
# Builds both packages from ONE self-contained linux-x64 publish:
#   packaging/build.sh [OUT_DIR]      (default: artifacts/packages)
# Prints the paths of the .deb and the .rpm. The rpm is skipped (with a message) when rpmbuild is missing.
# PKG_ARTIFACTS=<dir> keeps the intermediate build between runs (incremental).
# PUBLISH_DIR=<dir> reuses an existing publish output instead of publishing again.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
out=${1:-$repo/artifacts/packages}
mkdir -p "$out"; out=$(cd "$out" && pwd)

if [[ -z "${PUBLISH_DIR:-}" ]]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    PUBLISH_DIR=$work/publish
    # Not trimmed: EF Core, Identity and Blazor rely on reflection that trimming breaks.
    # Not ReadyToRun: it roughly doubles the size for a service that starts once.
    dotnet publish "$repo/src/Appliance.Web" -c Release -r linux-x64 --self-contained \
        -p:PublishReadyToRun=false -p:DebugType=none -nologo -v quiet \
        --artifacts-path "${PKG_ARTIFACTS:-$work/artifacts}" -o "$PUBLISH_DIR" >&2
fi
[[ -x "$PUBLISH_DIR/Appliance.Web" ]] || { echo "no Appliance.Web in $PUBLISH_DIR" >&2; exit 1; }

"$here/deb/build.sh" "$PUBLISH_DIR" "$out"
if command -v rpmbuild >/dev/null 2>&1; then
    "$here/rpm/build.sh" "$PUBLISH_DIR" "$out"
else
    echo "rpmbuild not found (Debian: apt-get install rpm): rpm skipped" >&2
fi
