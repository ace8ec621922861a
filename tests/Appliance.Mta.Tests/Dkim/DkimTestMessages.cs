using System.Text;

namespace Appliance.Mta.Tests.Dkim;

/// <summary>Messages that tend to break signers: 8-bit, folding, empty bodies, MIME, missing final CRLF.</summary>
internal static class DkimTestMessages
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["plain"] = """
            From: Alice <alice@example.com>
            To: bob@example.net
            Subject: Hello
            Date: Sun, 29 Nov 2026 12:00:00 +0000
            Message-ID: <plain@example.com>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=us-ascii

            Hello Bob.

            """,
        ["eight-bit"] = """
            From: =?utf-8?q?J=C3=BCrgen?= <juergen@example.com>
            To: Zoë <zoe@example.net>
            Subject: Grüße aus Köln – ✓
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Grüße! Ünïcödé bödy, 日本語, emoji 🎉.  
            Trailing spaces above and a tab here:	

            """,
        ["long-folded"] = "From: \"A very long display name that goes on and on\" <sender@example.com>\r\n" +
            "To: one@example.net, two@example.net, three@example.net,\r\n four@example.net, five@example.net,\r\n\tsix@example.net\r\n" +
            "Subject: " + string.Join(" ", Enumerable.Repeat("folded", 30)) + "\r\n  continued   with   spaces \r\n\tand a tab\r\n" +
            "X-Long: " + new string('x', 900) + "\r\n" +
            "to: second-to@example.net\r\n" +
            "SUBJECT: upper-case name, a second Subject\r\n" +
            "List-Unsubscribe: <https://example.com/u/1>,\r\n <mailto:unsub@example.com?subject=1>\r\n" +
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" +
            "\r\nBody.\r\n",
        ["empty-body"] = "From: a@example.com\r\nTo: b@example.net\r\nSubject: empty\r\n\r\n",
        ["headers-only"] = "From: a@example.com\r\nTo: b@example.net\r\nSubject: no empty line\r\n",
        ["headers-only-no-crlf"] = "From: a@example.com\r\nSubject: nothing after",
        ["no-final-crlf"] = "From: a@example.com\r\nTo: b@example.net\r\nSubject: no CRLF at the end\r\n\r\nfirst line\r\nlast line without newline",
        ["trailing-empty-lines"] = "From: a@example.com\r\nSubject: blank lines\r\n\r\nbody  with   spaces \t \r\n\r\n\r\n\r\n",
        // Issue 22: inputs for the engine's own canonicalisation (RFC 6376 §3.4.2, §3.4.4, §5.4.2).
        ["folded-trailing-wsp"] = "From: a@example.com \r\nSubject:   spaced \t\r\n \tout  \r\n\tand\t\tin \r\nTo:\r\n b@example.net\r\n\r\nbody\r\n",
        ["repeated-headers"] = "From: a@example.com\r\nTo: first@example.net\r\nSubject: one\r\nCc: c@example.net\r\n" +
            "TO: second@example.net\r\nsubject: two\r\nto:   third@example.net\r\nDate: Sun, 29 Nov 2026 12:00:00 +0000\r\n\r\nbody\r\n",
        ["eight-bit-raw-headers"] = "From: Jürgen Müller <juergen@example.com>\r\nTo: \"Zoë Ø\" <zoe@example.net>\r\nSubject: Grüße  aus\tKöln ✓ \r\n\r\nÜ  b\r\n",
        ["no-final-crlf-trailing-wsp"] = "From: a@example.com\r\nSubject: x\r\n\r\nline  one \r\nlast  \t",
        ["wsp-only-last-line"] = "From: a@example.com\r\nSubject: x\r\n\r\nline\r\n \t ",
        ["empty-lines-only-body"] = "From: a@example.com\r\nSubject: x\r\n\r\n\r\n \t\r\n\r\n",
        ["bare-cr"] = "From: a@example.com\r\nSubject: x\r\n\r\na \rb \r\nc \r d\r\n\r",
        ["large-body"] = "From: a@example.com\r\nSubject: large\r\n\r\n" +
            string.Concat(Enumerable.Range(0, 3000).Select(i => $"line {i}\t  with  {new string(' ', i % 7)}runs{new string('\t', i % 3)}\r\n")) + "\r\n\r\n",
        ["multipart"] = """
            From: Reports <reports@example.com>
            To: team@example.net
            Subject: Report attached
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            This is the preamble.
            --b1
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            See the attachment =E2=80=93 thanks.
            --b1
            Content-Type: application/pdf; name="report.pdf"
            Content-Disposition: attachment; filename="report.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSL0ZpbHRlci9GbGF0ZURl
            Y29kZT4+CnN0cmVhbQp4nDPQM1Qo5ypUMFAw0DMwslAwtTTVMzI3VbAwMdSzUEhKrUjNTc1LKQUA
            --b1--
            epilogue

            """,
    };

    public static IEnumerable<object[]> Names => All.Keys.Select(k => new object[] { k });

    /// <summary>The message as CRLF bytes (the raw literals above are written with LF).</summary>
    public static byte[] Bytes(string name)
    {
        var text = All[name];
        if (!text.Contains("\r\n", StringComparison.Ordinal)) text = text.ReplaceLineEndings("\r\n");
        return Encoding.UTF8.GetBytes(text);
    }
}
