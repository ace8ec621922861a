#!/usr/bin/env bash
# Cost per delivery of the DANE lookups with a warm cache (bench/RESULTS.md "DANE lookups").
# Starts nsd (a zone signed now with ldns-signzone, plus an unsigned one) and a validating unbound on loopback ports,
# runs DaneLookupBenchmarks against it, and stops both. Needs: nsd unbound ldnsutils (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/dane-bench.XXXXXX)
nsd_port=$((20000 + RANDOM % 20000)); ub_port=$((nsd_port + 1))
cat > "$work/dane.test.zone" <<ZONE
\$ORIGIN dane.test.
\$TTL 3600
@ IN SOA ns.dane.test. h.dane.test. 1 3600 600 86400 3600
@ IN NS ns.dane.test.
ns IN A 127.0.0.1
bench IN MX 10 mx.bench.dane.test.
mx.bench IN A 127.0.0.1
_25._tcp.mx.bench IN TLSA 3 1 1 0102030405060708091011121314151617181920212223242526272829303132
ZONE
cat > "$work/plain.test.zone" <<ZONE
\$ORIGIN plain.test.
\$TTL 3600
@ IN SOA ns.plain.test. h.plain.test. 1 3600 600 86400 3600
@ IN NS ns.plain.test.
ns IN A 127.0.0.1
@ IN MX 10 mx.plain.test.
mx IN A 127.0.0.1
ZONE
(cd "$work" && key=$(ldns-keygen -a ECDSAP256SHA256 -k dane.test) && ldns-signzone dane.test.zone "$key" && tr '\t' ' ' < "$key.ds" > anchor)
cat > "$work/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$nsd_port
  port: $nsd_port
  username: ""
  chroot: ""
  zonesdir: "$work"
  database: ""
  zonelistfile: "$work/zone.list"
  xfrdfile: "$work/xfrd.state"
  xfrdir: "$work"
  pidfile: "$work/nsd.pid"
  server-count: 1
remote-control:
  control-enable: no
zone:
  name: "dane.test"
  zonefile: "dane.test.zone.signed"
zone:
  name: "plain.test"
  zonefile: "plain.test.zone"
CONF
cat > "$work/unbound.conf" <<CONF
server:
  interface: 127.0.0.1@$ub_port
  port: $ub_port
  username: ""
  chroot: ""
  directory: "$work"
  pidfile: ""
  use-syslog: no
  do-daemonize: no
  do-ip6: no
  do-not-query-localhost: no
  module-config: "validator iterator"
  access-control: 127.0.0.0/8 allow
  local-zone: "test." nodefault
  trust-anchor: "$(cat "$work/anchor")"
stub-zone:
  name: "."
  stub-addr: 127.0.0.1@$nsd_port
stub-zone:
  name: "dane.test."
  stub-addr: 127.0.0.1@$nsd_port
stub-zone:
  name: "plain.test."
  stub-addr: 127.0.0.1@$nsd_port
CONF
nsd -d -c "$work/nsd.conf" > "$work/nsd.log" 2>&1 & nsd_pid=$!
unbound -d -c "$work/unbound.conf" > "$work/unbound.log" 2>&1 & ub_pid=$!
trap 'kill $ub_pid $nsd_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do drill -D -p "$ub_port" @127.0.0.1 bench.dane.test MX 2>/dev/null | grep -q ' ad ' && break; sleep 0.2; done
echo "# load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores, $(date -u +%FT%TZ)"
DANE_BENCH_DNS="127.0.0.1:$ub_port" dotnet run -c Release --project bench/Appliance.Mta.Benchmarks -- --filter '*DaneLookup*' --inProcess
