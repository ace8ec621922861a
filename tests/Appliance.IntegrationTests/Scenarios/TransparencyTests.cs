using System.Text;
using Appliance.IntegrationTests.Infrastructure;

namespace Appliance.IntegrationTests.Scenarios;

/// <summary>
/// Byte transparency through the relay: 8-bit bodies (RFC 6152 BODY=8BITMIME), dot-stuffing
/// (RFC 5321 §4.5.2) at every position, maximal 998-octet lines (§4.5.3.1.6) and a large body
/// arrive exactly as sent, apart from the prepended Received field.
/// </summary>
public sealed class TransparencyTests(MailEnvironment env) : IClassFixture<MailEnvironment>
{
    [IntegrationFact(MailEnvironment.Requires)]
    public async Task EightBitBody_WithBody8BitMime_ArrivesByteForByte()
    {
        var t = TestMessages.Token();
        var from = $"utf8-{t}@{TestZone.SenderDomain}";
        var to = $"utf8-{t}@{TestZone.Single}";
        var utf8 = "Grüße aus Köln – ünïcödé ✓ 日本語\r\n";
        var message = TestMessages.Build(from, to, $"8bit {t}", withIdAndDate: true, "Content-Transfer-Encoding: 8bit")
            + Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(utf8 + utf8));

        var result = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, from, [to], message, mailParameters: "BODY=8BITMIME");

        Assert.True(result.Accepted, result.ToString());
        var delivered = await WaitAsync(to);
        DeliveredMessageAssert.OnlyTraceAdded(SmtpSubmit.Bytes(message), delivered.Data, mayAddIdAndDate: false);
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task LargeBody_WithDotLinesAndMaximalLines_ArrivesByteForByte()
    {
        var t = TestMessages.Token();
        var from = $"big-{t}@{TestZone.SenderDomain}";
        var to = $"big-{t}@{TestZone.Single}";
        var body = new StringBuilder();
        for (var i = 0; body.Length < 400_000; i++)
        {
            body.Append((i % 5) switch
            {
                0 => ".",
                1 => "..double dot " + i,
                2 => new string((char)('a' + (i % 26)), 998),
                3 => "." + new string('x', 996),
                _ => "plain line " + i + "\t with tab and trailing space ",
            }).Append("\r\n");
        }

        var message = TestMessages.Build(from, to, $"big {t}", withIdAndDate: true) + body;

        var result = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, from, [to], message);

        Assert.True(result.Accepted, result.ToString());
        var delivered = await WaitAsync(to);
        DeliveredMessageAssert.OnlyTraceAdded(SmtpSubmit.Bytes(message), delivered.Data, mayAddIdAndDate: false);
    }

    [IntegrationFact(MailEnvironment.Requires)]
    public async Task DotStuffedLineOf998Octets_IsAcceptedAndUnstuffed()
    {
        // RFC 5321 §4.5.3.1.6: 1000 octets including CRLF "not counting the leading dot
        // duplicated for transparency" -- so ".<997 x>" (998 octets, RFC 5322 §2.1.1's maximum)
        // travels as 999 octets + CRLF and must be accepted.
        var t = TestMessages.Token();
        var from = $"dot998-{t}@{TestZone.SenderDomain}";
        var to = $"dot998-{t}@{TestZone.Single}";
        var message = TestMessages.Build(from, to, $"dot998 {t}", withIdAndDate: true) + "." + new string('x', 997) + "\r\n";

        var result = await SmtpSubmit.SendAsync(env.Appliance.Settings.RelayPort, from, [to], message);

        Assert.True(result.Accepted, result.ToString());
        var delivered = await WaitAsync(to);
        DeliveredMessageAssert.OnlyTraceAdded(SmtpSubmit.Bytes(message), delivered.Data, mayAddIdAndDate: false);
    }

    private async Task<SinkMessage> WaitAsync(string to)
    {
        Assert.True(await Eventually.TryAsync(() => env.Sink.MessagesFor(TestZone.SingleMx, to).Count > 0, TimeSpan.FromSeconds(30)),
            $"not delivered\n{await env.DiagnosticsAsync()}");
        return Assert.Single(env.Sink.MessagesFor(TestZone.SingleMx, to));
    }
}
