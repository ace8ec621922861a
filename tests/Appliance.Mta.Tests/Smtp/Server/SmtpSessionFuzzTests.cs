using System.Text;
using System.Text.RegularExpressions;
using Appliance.Mta.Tests.Smtp.Server.Fakes;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>
/// Seeded random and mutated command streams into real sessions: no exception may escape, no
/// unexpected internal failure may be logged, and every reply must be well formed (RFC 5321 §4.2).
/// </summary>
public partial class SmtpSessionFuzzTests
{
    private static readonly string[] Vocabulary =
    [
        "EHLO client.example", "HELO client.example", "EHLO", "EHLO [127.0.0.1]", "MAIL FROM:<a@example.com>",
        "MAIL FROM:<> BODY=8BITMIME SIZE=100", "MAIL FROM:<a@example.com> BODY=BINARYMIME", "MAIL FROM:<ü@example.com> SMTPUTF8",
        "RCPT TO:<b@example.org>", "RCPT TO:<b@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@example.org",
        "RCPT TO:<Postmaster>", "DATA", "BDAT 5", "BDAT 3 LAST", "BDAT 0 LAST", "RSET", "NOOP", "VRFY x", "HELP", "STARTTLS",
        "AUTH PLAIN " + SessionHarness.Base64("\0alice\0secret-pw"), "AUTH LOGIN", "AUTH SCRAM-SHA-256", "AUTH PLAIN", "*", "=",
        "Subject: x", "", ".", "..", "hello", "X-Campaign: c", "QUIT", "MAIL FROM:<a@example.com> ENVID=a+2Bb RET=FULL",
    ];

    private const string Specials = "<>:@=.,\"\\ \r\n\0+";

    [GeneratedRegex(@"^[2-5][0-9]{2}[ -].*$")]
    private static partial Regex ReplyLine();

    [Fact]
    public async Task Random_and_mutated_command_streams_never_break_the_session()
    {
        var random = new Random(20250701);
        var h = new SessionHarness(o => { o.Smtp.MaxMessageSize = 4096; o.Smtp.MaxRecipients = 3; });
        for (var i = 0; i < 2000; i++)
        {
            var script = MakeScript(random);
            var mode = (FeedMode)random.Next(3);
            string output;
            try
            {
                output = await h.RunScriptAsync(script, mode, client: random.Next(4) == 0 ? SessionHarness.OutsideIp : SessionHarness.RelayIp);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"case {i} threw {ex} for script {Escape(script)}");
            }
            AssertWellFormed(output, i, script);
        }
        Assert.DoesNotContain(h.Logger.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal));
    }

    private static string MakeScript(Random random)
    {
        var sb = new StringBuilder();
        var count = random.Next(1, 16);
        for (var j = 0; j < count; j++)
        {
            var line = random.Next(10) == 0 ? RandomText(random) : Vocabulary[random.Next(Vocabulary.Length)];
            if (random.Next(6) == 0) line = Mutate(line, random);
            sb.Append(line).Append(random.Next(12) switch { 0 => "\n", 1 => "\r", _ => "\r\n" });
        }
        return sb.ToString();
    }

    private static string Mutate(string line, Random random)
    {
        var chars = line.ToCharArray().ToList();
        var edits = random.Next(1, 4);
        for (var k = 0; k < edits; k++)
        {
            var pos = chars.Count == 0 ? 0 : random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0 when chars.Count > 0: chars.RemoveAt(pos); break;
                case 1: chars.Insert(pos, (char)random.Next(0, 256)); break;
                case 2 when chars.Count > 0: chars[pos] = Specials[random.Next(Specials.Length)]; break;
                default: chars.InsertRange(pos, new string('A', random.Next(0, 700))); break;
            }
        }
        return new string([.. chars]);
    }

    private static string RandomText(Random random)
    {
        var n = random.Next(0, 40);
        var c = new char[n];
        for (var i = 0; i < n; i++) c[i] = (char)random.Next(1, 128);
        return new string(c);
    }

    /// <summary>Each line "ddd-" or "ddd " + text + CRLF; a multi-line reply keeps one code.</summary>
    private static void AssertWellFormed(string output, int i, string script)
    {
        Assert.True(output.Length == 0 || output.EndsWith("\r\n", StringComparison.Ordinal), $"case {i}: output not CRLF-terminated");
        string? multiCode = null;
        foreach (var line in output.Split("\r\n")[..^1])
        {
            if (!ReplyLine().IsMatch(line) || line.Contains('\r') || line.Contains('\n'))
                throw new Xunit.Sdk.XunitException($"case {i}: bad reply line '{Escape(line)}' for script {Escape(script)}");
            var code = line[..3];
            if (multiCode is not null && code != multiCode)
                throw new Xunit.Sdk.XunitException($"case {i}: multi-line reply changed code for script {Escape(script)}");
            multiCode = line[3] == '-' ? code : null;
        }
        Assert.True(multiCode is null, $"case {i}: unterminated multi-line reply");
    }

    private static string Escape(string s) => s.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
