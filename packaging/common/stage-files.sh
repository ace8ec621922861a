#!/usr/bin/env bash
# Copies the files shared by the deb and the rpm into a package root:
#   /usr/lib/appliance (publish output), /usr/bin/appliance, the systemd unit, /etc/appliance/appsettings.json.
#   packaging/common/stage-files.sh PUBLISH_DIR ROOT
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
publish=$1 root=$2
lib=$root/usr/lib/appliance

install -d -m 0755 "$lib" "$root/usr/bin" "$root/etc/appliance" "$root/usr/lib/systemd/system" "$root/usr/share/doc/appliance"
cp -R "$publish/." "$lib/"
# web.config is for IIS only; debug symbols are left out to keep the package small.
rm -f "$lib/web.config" "$lib"/*.pdb
# The host reads appsettings.json from its content root (/usr/lib/appliance): point it at the conffile,
# so environment variables and command-line switches still override the file.
rm -f "$lib/appsettings.json" "$lib"/appsettings.*.json
ln -s /etc/appliance/appsettings.json "$lib/appsettings.json"
find "$lib" -type d -exec chmod 0755 {} +
find "$lib" -type f -exec chmod 0644 {} +
chmod 0755 "$lib/Appliance.Web"
find "$lib" -type f -name '*.so' -exec chmod 0644 {} +
install -m 0755 "$here/appliance-setup" "$lib/appliance-setup"

install -m 0755 "$here/appliance" "$root/usr/bin/appliance"
install -m 0644 "$here/appliance.service" "$root/usr/lib/systemd/system/appliance.service"
install -m 0644 "$here/appsettings.json" "$root/etc/appliance/appsettings.json"
install -m 0644 "$here/../README.md" "$root/usr/share/doc/appliance/README.md"
# The Grafana dashboard over /metrics (docs/telemetry.md), for operators to import.
install -d -m 0755 "$root/usr/share/appliance/grafana"
install -m 0644 "$here/../grafana/appliance-dashboard.json" "$root/usr/share/appliance/grafana/appliance-dashboard.json"
