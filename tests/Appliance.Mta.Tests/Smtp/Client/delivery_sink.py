"""aiosmtpd handler for the SMTP client tests (tests/Appliance.Mta.Tests/Smtp/Client).

Run: PYTHONPATH=<this folder> /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:<port> -c delivery_sink.Sink <folder>
RCPT local parts starting with "reject" get 550, with "defer" get 451; accepted messages are saved as
<folder>/NNNN.eml (the bytes received, dot-unstuffed) with NNNN.env (MAIL FROM, then one RCPT per line).
"""
import os


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("usage: -c delivery_sink.Sink <folder>")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 Rejected by test sink"
        if local.startswith("defer"):
            return "451 4.2.0 Deferred by test sink"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, "%04d" % self.count)
        with open(base + ".env.tmp", "w", encoding="utf-8") as f:
            f.write(envelope.mail_from + "\n")
            for r in envelope.rcpt_tos:
                f.write(r + "\n")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".env.tmp", base + ".env")
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 2.0.0 Saved as %04d" % self.count
