#!/usr/bin/env bash
# Turns built packages into signed package repositories (docs/install.md):
#   packaging/repo/build.sh OUT_DIR
#
#   OUT_DIR/apt/   a signed apt repository (aptly): dists/stable/{InRelease,Release,Release.gpg},
#                  dists/stable/main/binary-amd64/Packages*, pool/, and the public key as
#                  appliance-archive-keyring.gpg (binary, for /etc/apt/keyrings and "signed-by").
#   OUT_DIR/rpm/   a signed dnf/yum repository (createrepo_c): the rpms signed with rpmsign, repodata/repomd.xml
#                  with its detached armoured signature repomd.xml.asc, the public key RPM-GPG-KEY-appliance and
#                  appliance.repo (gpgcheck=1, repo_gpgcheck=1).
#
# Packages come from PACKAGES_DIR (default artifacts/packages, what packaging/build.sh writes). Every run adds the
# packages found there beside the versions already in OUT_DIR (the apt repository keeps every version), so a host can
# upgrade, and roll back with "apt-get install appliance=<old version>".
#
# The signing key comes from the environment:
#   REPO_GNUPGHOME=<dir> (a GnuPG home holding the secret key) and optionally REPO_KEY_ID=<id or e-mail>, or
#   REPO_KEY_FILE=<armoured or binary secret key file> (imported into a private, temporary GnuPG home), or
#   REPO_THROWAWAY_KEY=1: a new key without a passphrase is generated for this run (tests only; it is kept in
#   OUT_DIR/.throwaway-gnupg so later runs into the same OUT_DIR sign with the same key).
# REPO_BASE_URL (default file://OUT_DIR/rpm) is written into appliance.repo as its baseurl.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$here/../.." && pwd)
out=${1:?usage: packaging/repo/build.sh OUT_DIR}
mkdir -p "$out"; out=$(cd "$out" && pwd)
packages=${PACKAGES_DIR:-$repo_root/artifacts/packages}
[[ -d $packages ]] || { echo "no package folder $packages (run packaging/build.sh first)" >&2; exit 1; }
shopt -s nullglob
debs=("$packages"/*.deb)
rpms=("$packages"/*.rpm)
(( ${#debs[@]} + ${#rpms[@]} > 0 )) || { echo "no .deb or .rpm in $packages" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---------------------------------------------------------------- the signing key
if [[ -n ${REPO_GNUPGHOME:-} ]]; then
    export GNUPGHOME=$REPO_GNUPGHOME
elif [[ -n ${REPO_KEY_FILE:-} ]]; then
    export GNUPGHOME=$tmp/gnupg
    mkdir -m 700 "$GNUPGHOME"
    gpg --batch --quiet --import "$REPO_KEY_FILE"
elif [[ ${REPO_THROWAWAY_KEY:-} == 1 ]]; then
    export GNUPGHOME=$out/.throwaway-gnupg
    if [[ ! -d $GNUPGHOME ]]; then
        mkdir -m 700 "$GNUPGHOME"
        gpg --batch --quiet --passphrase '' --quick-gen-key "Appliance test repository <repo@appliance.invalid>" rsa3072 sign never
    fi
else
    echo "no signing key: set REPO_GNUPGHOME, REPO_KEY_FILE or (tests) REPO_THROWAWAY_KEY=1" >&2
    exit 1
fi
key=${REPO_KEY_ID:-$(gpg --batch --with-colons --list-secret-keys | awk -F: '$1 == "fpr" { print $10; exit }')}
[[ -n $key ]] || { echo "no secret key in $GNUPGHOME" >&2; exit 1; }
fingerprint=$(gpg --batch --with-colons --list-secret-keys "$key" | awk -F: '$1 == "fpr" { print $10; exit }')

# ---------------------------------------------------------------- apt (aptly)
# aptly keeps every version of a package in its local repository (reprepro 5.3 keeps one per distribution), so a
# host can roll back with apt. Its database lives in OUT_DIR/.aptly; the published tree in OUT_DIR/apt.
if (( ${#debs[@]} > 0 )); then
    apt=$out/apt
    mkdir -p "$out/.aptly" "$apt"
    conf=$out/.aptly/aptly.conf
    cat > "$conf" <<CONF
{
  "rootDir": "$out/.aptly",
  "architectures": ["amd64"],
  "gpgProvider": "gpg",
  "FileSystemPublishEndpoints": { "out": { "rootDir": "$apt", "linkMethod": "copy" } }
}
CONF
    aptly_() { aptly -config="$conf" "$@"; }
    aptly_ repo show appliance >/dev/null 2>&1 || aptly_ repo create -distribution=stable -component=main appliance >&2
    for deb in "${debs[@]}"; do
        name=$(dpkg-deb -f "$deb" Package); version=$(dpkg-deb -f "$deb" Version)
        if aptly_ repo search appliance "$name (= $version)" >/dev/null 2>&1; then
            echo "apt: $name $version already published" >&2
        else
            aptly_ repo add appliance "$deb" >&2
            echo "apt: published $name $version" >&2
        fi
    done
    sign=(-gpg-key="$fingerprint" -keyring="$GNUPGHOME/pubring.kbx" -batch)
    if aptly_ publish list -raw | grep -q "stable"; then
        aptly_ publish update "${sign[@]}" stable filesystem:out: >&2
    else
        aptly_ publish repo "${sign[@]}" -origin=Appliance -label=Appliance appliance filesystem:out: >&2
    fi
    gpg --batch --yes --export "$fingerprint" > "$apt/appliance-archive-keyring.gpg"
    gpg --batch --yes --armor --export "$fingerprint" > "$apt/appliance-archive-keyring.asc"
fi

# ---------------------------------------------------------------- dnf (createrepo_c, rpmsign)
if (( ${#rpms[@]} > 0 )); then
    rpmdir=$out/rpm
    mkdir -p "$rpmdir/packages"
    for rpm in "${rpms[@]}"; do
        target=$rpmdir/packages/$(basename "$rpm")
        [[ -f $target ]] && { echo "rpm: $(basename "$rpm") already published" >&2; continue; }
        cp "$rpm" "$target"
        rpmsign --addsign --define "__gpg $(command -v gpg)" --define "_gpg_name $fingerprint" --define "_gpg_path $GNUPGHOME" \
            --define "_gpg_sign_cmd_extra_args --batch --pinentry-mode loopback --passphrase-file /dev/null" \
            "$target" >&2
        echo "rpm: published $(basename "$rpm")" >&2
    done
    createrepo_c --quiet --update "$rpmdir" >&2
    gpg --batch --yes --detach-sign --armor -u "$fingerprint" -o "$rpmdir/repodata/repomd.xml.asc" "$rpmdir/repodata/repomd.xml"
    gpg --batch --yes --armor --export "$fingerprint" > "$rpmdir/RPM-GPG-KEY-appliance"
    base=${REPO_BASE_URL:-file://$rpmdir}
    cat > "$rpmdir/appliance.repo" <<REPO
[appliance]
name=Appliance outbound MTA
baseurl=$base
enabled=1
gpgcheck=1
repo_gpgcheck=1
gpgkey=$base/RPM-GPG-KEY-appliance
REPO
fi
echo "$out"
