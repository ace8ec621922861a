"""A counting SMTP sink for the traffic shaping tests (tests/Appliance.Mta.Tests/Shaping).

Run: /usr/bin/python3 shaping_sink.py <port> <log-file>
Listens on 127.0.0.1:<port> with Debian's aiosmtpd. Appends one JSON line per event to <log-file>:
  {"event": "connect"|"close", "ip": client address, "open": connections now open, "t": unix time}
  {"event": "data", "ip": ..., "helo": EHLO name, "from": MAIL FROM, "rcpts": [...], "t": ...}
RCPT local parts starting with "ratelimited" get "421 4.7.28 ..." (then the sink closes, as 421 means), with
"defer" get 451, with "unknown" get "550 5.1.1" (an invalid recipient), with "blocked" get "550 5.7.1 ... blocked using
a blocklist" (a reputation block); everything else is accepted. A message to a local part starting with "stall" is
logged as {"event": "stall", ...} when its DATA ends and then never answered (a peer hanging mid-transaction); one to
"slow..." is logged as {"event": "slow", ...} and answered a second later.
"""
import asyncio
import json
import sys
import time

from aiosmtpd.smtp import SMTP

state = {"open": 0}
log_file = None


def log(entry):
    entry["t"] = time.time()
    log_file.write(json.dumps(entry) + "\n")
    log_file.flush()


class CountingSMTP(SMTP):
    def connection_made(self, transport):
        state["open"] += 1
        self._peer_ip = transport.get_extra_info("peername")[0]
        log({"event": "connect", "ip": self._peer_ip, "open": state["open"]})
        super().connection_made(transport)

    def connection_lost(self, exc):
        state["open"] -= 1
        log({"event": "close", "ip": getattr(self, "_peer_ip", None), "open": state["open"]})
        super().connection_lost(exc)


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("ratelimited"):
            return "421 4.7.28 Our system has detected an unusual rate of mail (test sink)"
        if local.startswith("unknown"):
            return "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown (test sink)"
        if local.startswith("blocked"):
            return "550 5.7.1 Client host [127.0.0.1] blocked using zen.spamhaus.org (test sink)"
        if local.startswith("defer"):
            return "451 4.2.0 Deferred by test sink"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(r.split("@")[0].lower().startswith("stall") for r in envelope.rcpt_tos):
            log({"event": "stall", "ip": session.peer[0], "rcpts": envelope.rcpt_tos})
            await asyncio.sleep(600)
        if any(r.split("@")[0].lower().startswith("slow") for r in envelope.rcpt_tos):
            log({"event": "slow", "ip": session.peer[0], "rcpts": envelope.rcpt_tos})
            await asyncio.sleep(1)
        log({"event": "data", "ip": session.peer[0], "helo": session.host_name, "from": envelope.mail_from, "rcpts": envelope.rcpt_tos})
        return "250 2.0.0 OK"


async def main(port):
    loop = asyncio.get_running_loop()
    handler = Handler()
    server = await loop.create_server(lambda: CountingSMTP(handler), "127.0.0.1", port)
    print("listening", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    log_file = open(sys.argv[2], "a", encoding="utf-8")
    asyncio.run(main(int(sys.argv[1])))
