#!/usr/bin/env bash
# Builds appliance-<version>-1.x86_64.rpm from a self-contained publish folder.
#   packaging/rpm/build.sh PUBLISH_DIR OUT_DIR
# Needs rpmbuild (Debian package `rpm`). Normally called by packaging/build.sh.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
publish=$(cd "${1:?publish dir}" && pwd)
mkdir -p "${2:?output dir}"; out=$(cd "$2" && pwd)
version=$(tr -d '[:space:]' < "$here/../VERSION")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$here/../common/stage-files.sh" "$publish" "$work/stage"
install -m 0644 "$here/../common/copyright" "$work/stage/usr/share/doc/appliance/copyright"

rpmbuild -bb --quiet \
    --define "_topdir $work/top" \
    --define "_rpmdir $out" \
    --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
    --define "appliance_version $version" \
    --define "stage_root $work/stage" \
    "$here/appliance.spec" >&2
echo "$out/appliance-$version-1.x86_64.rpm"
