#!/usr/bin/python3
"""SMTP sink for the integration tests (run with /usr/bin/python3, Debian's aiosmtpd).

Listens on one or more loopback addresses, all on the same port, and answers
each RCPT by the recipient's local-part prefix:

  deferonce*  451 4.2.0 the first time that recipient is seen, then 250
  defer*      451 4.2.0 always
  reject*     550 5.1.1 always
  anything    250

Every accepted message is written as <dir>/<address>/<n>.eml (the exact DATA
bytes after dot-unstuffing: aiosmtpd's envelope.original_content) with a
sidecar <n>.json {"mail_from", "rcpt_tos", "peer", "address"}; the .json is
written last (atomically), so a reader that sees it can read the .eml.  Each
RCPT attempt is appended to <dir>/<address>/rcpt.log as one JSON line
{"rcpt", "code", "time"}.  <dir>/ready appears once all listeners are up.
"""
import argparse
import asyncio
import json
import os
import signal
import ssl
import subprocess
import threading
import time

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, address, root):
        self.address = address
        self.dir = os.path.join(root, address)
        os.makedirs(self.dir, exist_ok=True)
        self.counter = 0
        self.seen = {}
        self.lock = threading.Lock()
        self.rcpt_log = open(os.path.join(self.dir, "rcpt.log"), "a", buffering=1)

    def _log_rcpt(self, rcpt, code):
        self.rcpt_log.write(json.dumps({"rcpt": rcpt, "code": code, "time": time.time()}) + "\n")

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        with self.lock:
            n = self.seen.get(address.lower(), 0)
            self.seen[address.lower()] = n + 1
        if local.startswith("deferonce"):
            reply = "451 4.2.0 deferred once" if n == 0 else None
        elif local.startswith("defer"):
            reply = "451 4.2.0 try again later"
        elif local.startswith("reject"):
            reply = "550 5.1.1 no such user"
        else:
            reply = None
        if reply is not None:
            self._log_rcpt(address, int(reply[:3]))
            return reply
        self._log_rcpt(address, 250)
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.counter += 1
            n = self.counter
        base = os.path.join(self.dir, str(n))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "peer": session.peer[0] if session.peer else None,
            "address": self.address,
        }
        with open(base + ".json.tmp", "w") as f:
            json.dump(meta, f)
        os.replace(base + ".json.tmp", base + ".json")
        return "250 2.0.0 OK queued as %d" % n


def make_tls(root):
    # A certificate placed by the test (e.g. issued by its test CA) wins over the self-signed one.
    given_cert = os.path.join(root, "tls-cert.pem")
    given_key = os.path.join(root, "tls-key.pem")
    if os.path.exists(given_cert) and os.path.exists(given_key):
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(given_cert, given_key)
        return ctx
    cert = os.path.join(root, "sink-cert.pem")
    key = os.path.join(root, "sink-key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=sink.test", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    return ctx


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--listen", action="append", required=True, help="address to listen on (repeatable)")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--tls", action="store_true", help="offer STARTTLS with a self-signed certificate")
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    kwargs = {"data_size_limit": 64 * 1024 * 1024}
    if a.tls:
        kwargs["tls_context"] = make_tls(a.dir)
        kwargs["require_starttls"] = False
    controllers = []
    for address in a.listen:
        c = Controller(Handler(address, a.dir), hostname=address, port=a.port,
                       server_hostname="sink-" + address, ready_timeout=10, server_kwargs=dict(kwargs))
        c.start()
        controllers.append(c)
    with open(os.path.join(a.dir, "ready"), "w") as f:
        f.write(str(os.getpid()))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    while not stop.wait(0.5):
        pass
    for c in controllers:
        c.stop()


if __name__ == "__main__":
    main()
