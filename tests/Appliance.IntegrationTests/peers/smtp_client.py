#!/usr/bin/python3
"""SMTP clients for the integration tests; prints one JSON object on stdout.

  pipeline  raw socket, RFC 2920 pipelining: per message MAIL/RCPT.../DATA in one write,
            and from the second message on the previous message's content and end-of-data
            dot go in the same write as the next MAIL/RCPT/DATA (RFC 2920 §3.1 allows the
            message content as the first "command" of a group); QUIT is pipelined after the
            last dot.  Every reply is checked in order.
  smtplib   Python's smtplib: EHLO, STARTTLS (certificate not verified), EHLO, then
            send_message for each message over the one connection.
"""
import argparse
import json
import smtplib
import socket
import ssl
import sys


def message(i, token, sender, rcpts):
    return (
        "From: <%s>\r\nTo: %s\r\nSubject: pipelined %s #%d\r\n"
        "Message-ID: <%s.%d@client.example>\r\nDate: Mon, 01 Jan 2024 10:00:00 +0000\r\n"
        "\r\nbody of message %d\r\n.dot line\r\nend\r\n"
        % (sender, ", ".join("<%s>" % r for r in rcpts), token, i, token, i, i)
    )


def stuffed(msg):
    lines = msg.split("\r\n")[:-1]
    return "".join(("." + l if l.startswith(".") else l) + "\r\n" for l in lines) + ".\r\n"


class Wire:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.f = self.s.makefile("rb")

    def reply(self):
        lines = []
        while True:
            line = self.f.readline()
            if not line:
                raise EOFError("connection closed; got %r" % lines)
            line = line.decode("latin-1").rstrip("\r\n")
            lines.append(line)
            if len(line) < 4 or line[3] == " ":
                return int(line[:3]), lines

    def send(self, text):
        self.s.sendall(text.encode("latin-1"))


def pipeline(a):
    w = Wire(a.port)
    out = {"greeting": w.reply()[0]}
    w.send("EHLO client.example\r\n")
    code, lines = w.reply()
    out["ehlo"] = lines
    out["pipelining_advertised"] = any(l[4:].upper().startswith("PIPELINING") for l in lines)
    results = []
    pending = ""
    for i in range(a.count):
        group = pending + "MAIL FROM:<%s>\r\n" % a.sender
        group += "".join("RCPT TO:<%s>\r\n" % r for r in a.rcpt) + "DATA\r\n"
        w.send(group)
        r = {"index": i, "message_id": "<%s.%d@client.example>" % (a.token, i)}
        if pending:
            results[-1]["end"] = w.reply()
        r["mail"] = w.reply()
        r["rcpt"] = [w.reply() for _ in a.rcpt]
        r["data"] = w.reply()
        results.append(r)
        if r["data"][0] != 354:
            pending = ""
            continue
        pending = stuffed(message(i, a.token, a.sender, a.rcpt))
    w.send(pending + "QUIT\r\n")
    if pending:
        results[-1]["end"] = w.reply()
    out["quit"] = w.reply()
    out["messages"] = results
    return out


def with_smtplib(a):
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    out = {"messages": []}
    with smtplib.SMTP("127.0.0.1", a.port, local_hostname="client.example", timeout=30) as s:
        s.ehlo()
        out["starttls_advertised"] = s.has_extn("starttls")
        code, text = s.starttls(context=ctx)
        out["starttls"] = [code, text.decode("latin-1")]
        s.ehlo()
        for i in range(a.count):
            refused = s.sendmail(a.sender, a.rcpt, message(i, a.token, a.sender, a.rcpt).encode("latin-1"))
            out["messages"].append({"index": i, "message_id": "<%s.%d@client.example>" % (a.token, i),
                                    "refused": {k: [v[0], v[1].decode("latin-1")] for k, v in refused.items()}})
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["pipeline", "smtplib"])
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--sender", required=True)
    p.add_argument("--rcpt", action="append", required=True)
    p.add_argument("--count", type=int, default=3)
    p.add_argument("--token", required=True)
    a = p.parse_args()
    try:
        out = pipeline(a) if a.mode == "pipeline" else with_smtplib(a)
    except Exception as e:  # report, don't hide: the test prints it
        print(json.dumps({"error": "%s: %s" % (type(e).__name__, e)}))
        sys.exit(1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
