#!/usr/bin/python3
"""Transactional latency probe for bench/isolation.sh (Debian's python3 with python3-aiosmtpd).

Runs an SMTP sink on 127.0.0.1:<sink-port> that notes when each probe message arrives (by its X-Bench-Id header),
sends <count> messages at <rate>/s to the appliance's relay port with smtplib (each timed when its 250 arrives),
waits for all of them at the sink, and prints

    PROBE sent=.. arrived=.. p50_ms=.. p99_ms=.. max_ms=.. (latency = arrival at the sink - 250 at the client)

Loopback only.
"""
import argparse
import smtplib
import statistics
import sys
import threading
import time
from email.message import EmailMessage

from aiosmtpd.controller import Controller

arrivals: dict[str, float] = {}
lock = threading.Lock()


class Recorder:
    async def handle_DATA(self, server, session, envelope):
        now = time.monotonic()
        for line in envelope.content.split(b"\r\n"):
            if not line:
                break
            if line.lower().startswith(b"x-bench-id:"):
                with lock:
                    arrivals.setdefault(line.split(b":", 1)[1].strip().decode(), now)
                break
        return "250 OK"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--relay-port", type=int, required=True)
    ap.add_argument("--sink-port", type=int, required=True)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--rate", type=float, default=20.0)
    ap.add_argument("--domain", default="txn.example")
    ap.add_argument("--timeout", type=float, default=120.0)
    a = ap.parse_args()

    controller = Controller(Recorder(), hostname="127.0.0.1", port=a.sink_port)
    controller.start()
    sent: dict[str, float] = {}
    failures = 0
    try:
        client = smtplib.SMTP("127.0.0.1", a.relay_port, local_hostname="bench-client.example", timeout=30)
        start = time.monotonic()
        for i in range(a.count):
            due = start + i / a.rate
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            msg = EmailMessage()
            msg["From"] = "app@bench-client.example"
            msg["To"] = f"user{i}@{a.domain}"
            msg["Subject"] = f"transactional {i}"
            msg["X-Stream"] = "transactional"
            msg["X-Bench-Id"] = f"probe-{i}"
            msg.set_content("Your one-time code is 123456.\n")
            try:
                client.send_message(msg)
                sent[f"probe-{i}"] = time.monotonic()
            except smtplib.SMTPException as e:
                failures += 1
                print(f"send {i} failed: {e}", file=sys.stderr)
                client = smtplib.SMTP("127.0.0.1", a.relay_port, local_hostname="bench-client.example", timeout=30)
        client.quit()
        deadline = time.monotonic() + a.timeout
        while time.monotonic() < deadline:
            with lock:
                if all(k in arrivals for k in sent):
                    break
            time.sleep(0.05)
    finally:
        controller.stop()

    with lock:
        lat = sorted((arrivals[k] - t) * 1000 for k, t in sent.items() if k in arrivals)
    if not lat:
        print(f"PROBE sent={len(sent)} arrived=0 failures={failures} status=none_arrived")
        return 1
    p99 = lat[min(len(lat) - 1, int(round(0.99 * (len(lat) - 1))))]
    status = "ok" if len(lat) == len(sent) and failures == 0 else "incomplete"
    print(f"PROBE sent={len(sent)} arrived={len(lat)} failures={failures} p50_ms={statistics.median(lat):.1f} "
          f"p99_ms={p99:.1f} max_ms={lat[-1]:.1f} status={status}")
    return 0 if status == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
