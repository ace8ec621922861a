#!/usr/bin/python3
"""SMTP sink that watches delivery limits (cluster tests, issue 19), plain asyncio.

Listens on --listen:--port. Appends one JSON line per event to <dir>/events.log:
  {"ev": "open",  "t": unix time, "conn": n, "peer": "ip", "concurrent": open connections now}
  {"ev": "close", "t": ..., "conn": n}
  {"ev": "ehlo",  "t": ..., "conn": n, "name": the EHLO/HELO name}
  {"ev": "msg",   "t": ..., "conn": n, "name": EHLO name, "mail_from": ..., "rcpt_tos": [...], "message_id": ...}
  {"ev": "defer", "t": ..., "conn": n, "name": EHLO name}
While the file <dir>/defer exists and holds a session's EHLO name (one per line), that session's MAIL FROM is answered
"421 4.7.28 ..." (the rate-limit reply of the big receivers) and the connection is closed (RFC 5321 §3.8: 421 closes
the transmission channel). <dir>/ready appears once the listener is up.
"""
import argparse
import asyncio
import json
import os
import time

state = {"open": 0, "conn": 0}


def log(out, **ev):
    ev["t"] = time.time()
    out.write(json.dumps(ev) + "\n")
    out.flush()


def deferred(root, name):
    try:
        with open(os.path.join(root, "defer")) as f:
            return name.lower() in (l.strip().lower() for l in f if l.strip())
    except FileNotFoundError:
        return False


async def session(reader, writer, root, out):
    state["conn"] += 1
    conn = state["conn"]
    state["open"] += 1
    peer = writer.get_extra_info("peername")[0]
    log(out, ev="open", conn=conn, peer=peer, concurrent=state["open"])
    name, mail_from, rcpts = "", None, []
    try:
        writer.write(b"220 limits-sink ESMTP\r\n")
        await writer.drain()
        while True:
            line = await reader.readline()
            if not line:
                break
            cmd = line.decode("latin-1").rstrip("\r\n")
            verb = cmd[:4].upper()
            if verb in ("EHLO", "HELO"):
                name = cmd[5:].strip()
                log(out, ev="ehlo", conn=conn, name=name)
                if verb == "EHLO":
                    writer.write(b"250-limits-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n")
                else:
                    writer.write(b"250 limits-sink\r\n")
            elif verb == "MAIL":
                if deferred(root, name):
                    log(out, ev="defer", conn=conn, name=name)
                    writer.write(b"421 4.7.28 Our system has detected an unusual rate of mail from your IP; try again later\r\n")
                    await writer.drain()
                    break
                mail_from, rcpts = cmd[10:].strip().strip("<>"), []
                writer.write(b"250 2.1.0 ok\r\n")
            elif verb == "RCPT":
                rcpts.append(cmd[8:].strip().strip("<>"))
                writer.write(b"250 2.1.5 ok\r\n")
            elif verb == "DATA":
                writer.write(b"354 go ahead\r\n")
                await writer.drain()
                message_id = None
                while True:
                    data = await reader.readline()
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    if message_id is None and data[:11].lower() == b"message-id:":
                        message_id = data[11:].decode("latin-1").strip()
                log(out, ev="msg", conn=conn, name=name, mail_from=mail_from, rcpt_tos=rcpts, message_id=message_id)
                writer.write(b"250 2.0.0 queued\r\n")
            elif verb == "RSET":
                mail_from, rcpts = None, []
                writer.write(b"250 2.0.0 ok\r\n")
            elif verb == "NOOP":
                writer.write(b"250 2.0.0 ok\r\n")
            elif verb == "QUIT":
                writer.write(b"221 2.0.0 bye\r\n")
                await writer.drain()
                break
            else:
                writer.write(b"502 5.5.2 not implemented\r\n")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        state["open"] -= 1
        log(out, ev="close", conn=conn)
        writer.close()


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--listen", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    out = open(os.path.join(a.dir, "events.log"), "a", buffering=1)
    server = await asyncio.start_server(lambda r, w: session(r, w, a.dir, out), a.listen, a.port, reuse_address=True)
    open(os.path.join(a.dir, "ready"), "w").close()
    async with server:
        await server.serve_forever()


asyncio.run(main())
