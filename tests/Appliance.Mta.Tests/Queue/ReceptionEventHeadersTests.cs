using System.Buffers;
using System.Text;
using System.Text.Json;
using Appliance.Mta.Events;

namespace Appliance.Mta.Tests.Queue;

/// <summary>The Reception event keeps the header summary once per message (on the first recipient's event) and it survives the JSON line.</summary>
public sealed class ReceptionEventHeadersTests
{
    [Fact]
    public async Task The_first_recipients_reception_event_carries_the_headers_and_the_others_do_not()
    {
        await using var h = await QueueHarness.StartAsync();
        var content = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("Subject: Your order\r\nFrom: shop@src.test\r\nTo: a@one.test\r\n\r\nHello\r\n"));

        await h.Acceptor.AcceptAsync(h.Envelope("s@src.test", "a@one.test", "b@two.test"), content, default);

        var receptions = h.Events.Events.Where(e => e.Type == MtaEventType.Reception).ToList();
        Assert.Equal(2, receptions.Count);
        Assert.Equal("Your order", receptions[0].Headers!.Subject);
        Assert.Equal("shop@src.test", receptions[0].Headers!.From);
        Assert.Null(receptions[1].Headers);

        var line = JsonSerializer.Serialize(receptions[0], EventLog.Json);
        var back = JsonSerializer.Deserialize<MtaEvent>(line, EventLog.Json)!;
        Assert.Equal("Your order", back.Headers!.Subject);
        Assert.Equal(["Subject", "From", "To"], back.Headers.Fields.Select(f => f.Name));
    }

    [Fact]
    public async Task The_queued_message_does_not_keep_the_header_summary_once_the_event_has_it()
    {
        // Memory: the summary (up to every header field) is for the Reception event; a queued message that held it
        // would carry kilobytes per message for its whole life in the queue (issue 22's backlog budget).
        await using var h = await QueueHarness.StartAsync();
        var content = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("Subject: Kept once\r\nFrom: shop@src.test\r\n\r\nHello\r\n"));
        var summary = ReceptionHeaderReader.Read(content);
        var envelope = h.Envelope("s@src.test", "a@one.test") with { ReceptionHeaders = summary };

        var reply = await h.Acceptor.AcceptAsync(envelope, content, default);

        var id = reply.Text.Split(' ').Last();
        var queued = h.Store.Messages.SingleOrDefault(m => m.Id.ToString() == id);
        Assert.NotNull(queued);
        Assert.Null(queued.Envelope.ReceptionHeaders);
        Assert.Same(summary, h.Events.Events.Single(e => e.Type == MtaEventType.Reception).Headers);
    }
}
