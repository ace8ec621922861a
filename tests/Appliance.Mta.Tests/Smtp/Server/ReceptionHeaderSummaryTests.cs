using System.Buffers;
using System.Text;
using Appliance.Mta.Events;
using Appliance.Mta.Messages;
using Appliance.Mta.Tests.Queue;
using Appliance.Mta.Tests.Smtp.Server.Fakes;

namespace Appliance.Mta.Tests.Smtp.Server;

/// <summary>
/// The Reception event's header summary comes from the SMTP server's one header scan (carried on the envelope), so the
/// spool does not read the header block again; fields added on the way (Received, trace, DKIM) are in it, in place.
/// </summary>
public sealed class ReceptionHeaderSummaryTests
{
    private static string Script(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    [Fact]
    public async Task The_session_scan_hands_the_summary_over_with_its_Received_field_and_without_X_Campaign()
    {
        var h = new SessionHarness();
        await h.RunScriptAsync(Script(
            "EHLO client.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.org>", "DATA",
            "X-Campaign: spring", "Subject: =?UTF-8?B?SMOpbGxv?=", "To: b@example.org,", " c@example.org", "", "hello", ".", "QUIT"));

        var (env, text) = h.Sink.Single();
        var summary = env.ReceptionHeaders;
        Assert.NotNull(summary);
        Assert.Equal(["Received", "Subject", "To"], summary.Fields.Select(f => f.Name));
        Assert.Equal("Héllo", summary.Subject);
        Assert.Equal("b@example.org, c@example.org", summary.To);
        // The summary matches what reading the handed-over bytes gives.
        var read = ReceptionHeaderReader.Read(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(read.Fields, summary.Fields);
        Assert.Equal(read.Subject, summary.Subject);
    }

    [Fact]
    public async Task The_spool_uses_the_envelopes_summary_instead_of_reading_the_bytes_again()
    {
        await using var q = await QueueHarness.StartAsync();
        var content = new ReadOnlySequence<byte>("Subject: in the bytes\r\n\r\nbody\r\n"u8.ToArray());
        var envelope = q.Envelope("s@src.test", "a@one.test") with
        {
            ReceptionHeaders = new ReceptionHeaders { Subject = "from the scan", Fields = [new HeaderField("Subject", "from the scan")] },
        };

        await q.Acceptor.AcceptAsync(envelope, content, default);

        var reception = Assert.Single(q.Events.Events, e => e.Type == MtaEventType.Reception);
        Assert.Equal("from the scan", reception.Headers!.Subject);
    }

    [Fact]
    public void Fields_added_later_go_in_at_their_place_and_the_caps_still_hold()
    {
        var collector = new ReceptionHeaderCollector();
        var reader = new HeaderFieldReader("Received: by us\r\nSubject: s\r\n\r\n"u8);
        while (reader.Read(out var f) == HeaderLine.Field) collector.Add(f);
        var summary = collector.Build();

        var traced = ReceptionHeaderCollector.Insert(summary, ReceptionHeaderCollector.LeadingReceived(summary), "X-Appliance-Id: t1\r\n"u8);
        var signed = ReceptionHeaderCollector.Insert(traced, 0, "DKIM-Signature: v=1; d=shop.example;\r\n s=sel; b=x\r\n"u8);

        Assert.Equal(["DKIM-Signature", "Received", "X-Appliance-Id", "Subject"], signed.Fields.Select(f => f.Name));
        Assert.Equal(["d=shop.example s=sel"], signed.DkimSignatures);
        Assert.False(signed.Truncated);

        var full = new ReceptionHeaders { Fields = [.. Enumerable.Range(0, ReceptionHeaderCollector.MaxFields).Select(i => new HeaderField("X-" + i, "v"))] };
        var over = ReceptionHeaderCollector.Insert(full, 0, "DKIM-Signature: d=a; s=b\r\n"u8);
        Assert.Equal(ReceptionHeaderCollector.MaxFields, over.Fields.Count);
        Assert.Equal("DKIM-Signature", over.Fields[0].Name);
        Assert.True(over.Truncated);
    }
}
