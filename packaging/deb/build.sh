#!/usr/bin/env bash
# Builds appliance_<version>_amd64.deb from a self-contained publish folder.
#   packaging/deb/build.sh PUBLISH_DIR OUT_DIR
# DEB_COMPRESSION=xz (default, smallest) | gzip (fast, for CI) | zstd (fastest; lintian on Debian 12 rejects it).
# Normally called by packaging/build.sh, which runs the one `dotnet publish` first.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
common=$here/../common
publish=$(cd "${1:?publish dir}" && pwd)
mkdir -p "${2:?output dir}"; out=$(cd "$2" && pwd)
version=$(tr -d '[:space:]' < "$here/../VERSION")

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

install -d -m 0755 "$root/DEBIAN" "$root/usr/lib/appliance" "$root/usr/bin" "$root/etc/appliance" \
    "$root/usr/lib/systemd/system" "$root/usr/share/doc/appliance" "$root/usr/share/lintian/overrides"
"$common/stage-files.sh" "$publish" "$root"

# Debian docs: copyright, compressed changelog, lintian overrides.
install -m 0644 "$common/copyright" "$root/usr/share/doc/appliance/copyright"
gzip -9n < "$here/changelog" > "$root/usr/share/doc/appliance/changelog.gz"
chmod 0644 "$root/usr/share/doc/appliance/changelog.gz"
install -m 0644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/appliance"

installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$installed_size/" "$here/control" > "$root/DEBIAN/control"
printf '/etc/appliance/appsettings.json\n' > "$root/DEBIAN/conffiles"
install -m 0755 "$here/postinst" "$here/prerm" "$here/postrm" "$root/DEBIAN/"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"

deb=$out/appliance_${version}_amd64.deb
# xz (level 1: most of the gain, a fraction of the time) is what Debian's lintian accepts; zstd is faster
# and fine for dpkg >= 1.21.18 (Debian 12, Ubuntu 22.04) but lintian on Debian 12 flags it as an error.
case "${DEB_COMPRESSION:-xz}" in
    xz) zopts=(-Zxz -z1) ;;
    gzip) zopts=(-Zgzip -z6) ;;
    zstd) zopts=(-Zzstd) ;;
    *) echo "DEB_COMPRESSION must be xz, gzip or zstd" >&2; exit 2 ;;
esac
dpkg-deb --root-owner-group "${zopts[@]}" --build "$root" "$deb" >/dev/null
echo "$deb"
