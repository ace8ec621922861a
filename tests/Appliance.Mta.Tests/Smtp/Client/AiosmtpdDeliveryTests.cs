using System.Text;
using Appliance.Mta.Messages;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;

namespace Appliance.Mta.Tests.Smtp.Client;

/// <summary>The client against a real SMTP server (aiosmtpd), plaintext.</summary>
public class AiosmtpdDeliveryTests
{
    [AiosmtpdFact]
    public async Task Real_server_receives_the_exact_bytes_and_per_recipient_outcomes_are_kept()
    {
        await using var sink = await AiosmtpdSink.StartAsync();
        var request = new ConnectRequest(sink.EndPoint, "sink.test", null, "client.test", TlsMode.Disabled, null, null, ClientTimeouts.All(TimeSpan.FromSeconds(20)));
        var outcome = await SmtpClientConnection.ConnectAsync(request, default);
        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        await using var connection = outcome.Connection!;
        var body = new StringBuilder("From: a@client.test\r\nTo: ok1@sink.test\r\nSubject: réal\r\n\r\n.starts with a dot\r\n.\r\n..\r\n");
        for (var i = 0; i < 3000; i++) body.Append("line ").Append(i).Append(i % 50 == 0 ? "\r\n." : "\r\n");
        body.Append("end\r\n");
        var content = Encoding.UTF8.GetBytes(body.ToString());
        var message = new OutboundMessage("a@client.test",
            [new EnvelopeRecipient("ok1@sink.test"), new EnvelopeRecipient("reject1@sink.test"), new EnvelopeRecipient("defer1@sink.test"), new EnvelopeRecipient("ok2@sink.test")],
            content, null, DsnReturn.Default, BodyType.EightBitMime, false);

        var first = await connection.SendAsync(message, default);
        var second = await connection.SendAsync(message with { Recipients = [new EnvelopeRecipient("ok3@sink.test")] }, default);
        await connection.QuitAsync(default);

        Assert.Equal([250, 550, 451, 250], first.PerRecipient.Select(r => r.Code));
        Assert.Equal([DeliveryVerdict.Delivered, DeliveryVerdict.Permanent, DeliveryVerdict.Transient, DeliveryVerdict.Delivered], first.PerRecipient.Select(ReplyClassifier.Classify));
        Assert.Equal("Saved as 0002", Assert.Single(second.PerRecipient).Text);
        // Dot-stuffing is undone by the server: what it stored is byte for byte what was spooled.
        var saved = await File.ReadAllBytesAsync(Path.Combine(sink.Folder, "0001.eml"));
        Assert.Equal(content, saved);
        Assert.Equal(["a@client.test", "ok1@sink.test", "ok2@sink.test"], (await File.ReadAllLinesAsync(Path.Combine(sink.Folder, "0001.env"))));
        Assert.Equal(["a@client.test", "ok3@sink.test"], (await File.ReadAllLinesAsync(Path.Combine(sink.Folder, "0002.env"))));
    }
}
