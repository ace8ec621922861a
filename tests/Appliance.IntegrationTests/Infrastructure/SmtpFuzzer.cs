using System.Text;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// Generates hostile SMTP input from a seed: command lines drawn from a vocabulary (valid, borderline, junk) and
/// mutated, DATA content with NUL, bare CR/LF, over-long lines, lone and stuffed dots and 8-bit octets, and BDAT
/// chunks whose declared size differs from what follows. Line ends are mostly CRLF, sometimes a bare LF or CR.
/// Every recipient is at <see cref="TestZone.NullMx"/>, so what gets accepted fails at once without a delivery.
/// </summary>
public sealed class SmtpFuzzer(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Commands =
    [
        "EHLO fuzz.example", "HELO fuzz.example", "EHLO", "EHLO [127.0.0.1]", "EHLO [IPv6:::1]", "RSET", "NOOP", "NOOP x",
        "VRFY postmaster", "VRFY", "EXPN list", "HELP", "HELP MAIL", "AUTH PLAIN", "AUTH LOGIN", "AUTH CRAM-MD5", "AUTH PLAIN AGFsaWNlAHNlY3JldA==",
        "AUTH PLAIN ====", "AUTH XOAUTH2 " + new string('A', 600), "*", "MAIL", "RCPT", "DATA x", "BDAT", "BDAT x", "BDAT -1", "BDAT 99999999999999999999",
        "MAIL FROM:<>", "MAIL FROM:<a@nullmx.test> SIZE=", "MAIL FROM:<a@nullmx.test> SIZE=999999999999", "MAIL FROM:<a@nullmx.test> BODY=8BITMIME",
        "MAIL FROM:<a@nullmx.test> SMTPUTF8", "MAIL FROM:<ü@nullmx.test> SMTPUTF8", "MAIL FROM:<a@nullmx.test> RET=HDRS ENVID=x+2By",
        "MAIL FROM:<@relay.example:a@nullmx.test>", "MAIL FROM:a@nullmx.test", "MAIL FROM:<a@[127.0.0.1]>", "MAIL FROM:<\"a b\"@nullmx.test>",
        "RCPT TO:<postmaster>", "RCPT TO:<Postmaster@nullmx.test>", "RCPT TO:<b@nullmx.test> NOTIFY=NEVER", "RCPT TO:<b@nullmx.test> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;b@nullmx.test",
        "RCPT TO:<b@nullmx.test> ORCPT=utf-8;b\\x{40}nullmx.test", "RCPT TO:<>", "RCPT TO:<b@>", "RCPT TO:<@nullmx.test>", "RCPT TO:<b@nullmx.test",
        "QUIT x", "STARTTLS x", "\u0000", "\u00ff\u00fe", "GET / HTTP/1.1", "Host: x",
    ];

    private const string Specials = "<>:@=.,\"\\ \r\n\0+\t\u00e9\u00ff";

    /// <summary>Lines (line ends) in the last script made.</summary>
    public int Lines { get; private set; }

    /// <summary>One connection's input, at most about <paramref name="maxLines"/> lines.</summary>
    public byte[] NextScript(int maxLines)
    {
        Lines = 0;
        var sb = new StringBuilder();
        if (_random.Next(8) != 0) Line(sb, _random.Next(3) == 0 ? "HELO fuzz.example" : "EHLO fuzz.example");
        while (Lines < maxLines)
        {
            switch (_random.Next(10))
            {
                case < 4: Transaction(sb, bdat: false); break;
                case < 6: Transaction(sb, bdat: true); break;
                default: Line(sb, Commands[_random.Next(Commands.Length)]); break;
            }
        }
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    private void Transaction(StringBuilder sb, bool bdat)
    {
        var mail = _random.Next(4) switch
        {
            0 => "MAIL FROM:<>",
            1 => "MAIL FROM:<f@nullmx.test> BODY=BINARYMIME",
            2 => $"MAIL FROM:<f{_random.Next(1000)}@nullmx.test> SIZE={_random.Next(100000)}",
            _ => "MAIL FROM:<f@nullmx.test> BODY=8BITMIME",
        };
        Line(sb, mail);
        for (var i = _random.Next(0, 4); i > 0; i--) Line(sb, $"RCPT TO:<r{_random.Next(100000)}@nullmx.test>");
        if (!bdat)
        {
            Line(sb, "DATA");
            Content(sb);
            if (_random.Next(12) != 0) sb.Append(".\r\n"); // sometimes no end of data: the next commands are content
            Lines++;
            return;
        }
        for (var chunks = _random.Next(1, 4); chunks > 0; chunks--)
        {
            var body = new StringBuilder();
            Content(body);
            var actual = Encoding.Latin1.GetByteCount(body.ToString());
            var declared = _random.Next(6) switch { 0 => actual + _random.Next(1, 50), 1 => Math.Max(0, actual - _random.Next(1, 50)), _ => actual };
            var last = chunks == 1 && _random.Next(5) != 0;
            sb.Append("BDAT ").Append(declared).Append(last ? " LAST" : "").Append("\r\n");
            Lines++;
            sb.Append(body);
        }
    }

    private void Content(StringBuilder sb)
    {
        Line(sb, $"Subject: fuzz {_random.Next()}");
        Line(sb, "From: <f@nullmx.test>");
        if (_random.Next(3) == 0) Line(sb, "Message-ID: <" + new string('m', _random.Next(0, 300)) + "@fuzz>");
        Line(sb, "");
        for (var i = _random.Next(0, 12); i > 0; i--)
        {
            var text = _random.Next(9) switch
            {
                0 => ".",
                1 => "..",
                2 => "." + RandomText(20),
                3 => new string('L', _random.Next(990, 1200)),
                4 => "a\0b",
                5 => "caf\u00e9 \u00ff\u00fe",
                6 => "bare\rcr",
                7 => "bare\nlf",
                _ => RandomText(80),
            };
            Line(sb, text);
        }
    }

    private void Line(StringBuilder sb, string line)
    {
        if (_random.Next(8) == 0) line = Mutate(line);
        sb.Append(line).Append(_random.Next(16) switch { 0 => "\n", 1 => "\r", _ => "\r\n" });
        Lines++;
    }

    private string Mutate(string line)
    {
        var chars = line.ToCharArray().ToList();
        for (var k = _random.Next(1, 4); k > 0; k--)
        {
            var pos = chars.Count == 0 ? 0 : _random.Next(chars.Count);
            switch (_random.Next(5))
            {
                case 0 when chars.Count > 0: chars.RemoveAt(pos); break;
                case 1: chars.Insert(pos, (char)_random.Next(0, 256)); break;
                case 2 when chars.Count > 0: chars[pos] = Specials[_random.Next(Specials.Length)]; break;
                case 3: chars.InsertRange(pos, new string('A', _random.Next(0, 1100))); break;
                default: chars.InsertRange(pos, new string(' ', _random.Next(1, 5))); break;
            }
        }
        return new string([.. chars]);
    }

    private string RandomText(int max)
    {
        var n = _random.Next(0, max);
        var chars = new char[n];
        for (var i = 0; i < n; i++) chars[i] = (char)_random.Next(32, 127);
        return new string(chars);
    }
}
