#!/usr/bin/env bash
# Postfix with inbound STARTTLS from every client: ../shared/bench/postfix-relay.sh with
# smtpd_tls_security_level = may and a self-signed RSA-2048 certificate (the appliance's own default type), the load
# from tls-source (bench/Appliance.Mta.Benchmarks: smtp-source with STARTTLS) as bench/relay.sh TLS=1 uses.
#
# The shared scripts are not changed: they are copied to a temp dir, the copy of postfix-relay.sh gets the TLS lines
# in its main.cf, and the copy of _common.sh gets tls-source's source_start (bench/_appliance.sh tls_source_init).
#
# Usage: bench/postfix-tls.sh [postfix-relay.sh args: -n -l -s -r -D -1 -t -k]      Prints postfix-relay.sh's RESULT.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED=${SHARED_BENCH:-$REPO/../shared/bench}
[[ -f $SHARED/postfix-relay.sh && -f $SHARED/_common.sh ]] || { echo "postfix-tls.sh: no $SHARED/postfix-relay.sh (set SHARED_BENCH)" >&2; exit 2; }

WORK=$(mktemp -d /var/tmp/postfix-tls.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=bench-mta.localdomain \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
chmod 644 "$WORK/key.pem" "$WORK/cert.pem"

cp "$SHARED/_common.sh" "$WORK/_common.sh"
{
  echo
  echo "# --- appended by bench/postfix-tls.sh: the load uses STARTTLS"
  sed -n '/^tls_source_init() {/,$p' "$HERE/_appliance.sh"
  echo "tls_source_init '$REPO'"
} >> "$WORK/_common.sh"

grep -q '^smtpd_tls_security_level = none$' "$SHARED/postfix-relay.sh" \
  || { echo "postfix-tls.sh: postfix-relay.sh no longer sets smtpd_tls_security_level = none; update this script" >&2; exit 2; }
sed -e "s|^smtpd_tls_security_level = none\$|smtpd_tls_security_level = may\\
smtpd_tls_cert_file = $WORK/cert.pem\\
smtpd_tls_key_file = $WORK/key.pem\\
smtpd_tls_session_cache_database =|" "$SHARED/postfix-relay.sh" > "$WORK/postfix-relay.sh"

SHARED_BENCH=$WORK bash "$WORK/postfix-relay.sh" "$@"
