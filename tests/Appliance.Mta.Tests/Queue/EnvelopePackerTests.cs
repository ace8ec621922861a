using Appliance.Mta.Messages;
using Appliance.Mta.Queue;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Tests.Queue;

/// <summary>The packed envelope of a waiting message gives back every field of the envelope it was made from.</summary>
public sealed class EnvelopePackerTests
{
    [Fact]
    public void Unpack_gives_back_every_field()
    {
        var envelope = new MessageEnvelope
        {
            MailFrom = "bounce+x=y@src.test",
            Recipients =
            [
                new EnvelopeRecipient("a@one.test"),
                new EnvelopeRecipient("jörg@exämple.test", DsnNotify.Success | DsnNotify.Delay, "utf-8;j\u00f6rg@ex\u00e4mple.test"),
                new EnvelopeRecipient(new string('x', 300) + "@long.test", DsnNotify.Never),
            ],
            EnvId = "env-42",
            Ret = DsnReturn.Full,
            Body = BodyType.EightBitMime,
            SmtpUtf8 = true,
            TenantId = "acme",
            Campaign = "spring",
            Stream = "marketing",
            ReceivedAt = new DateTimeOffset(2026, 12, 7, 13, 1, 2, 345, TimeSpan.FromHours(2)).AddTicks(6789),
            ClientAddress = "::1",
            AuthUser = "api-user",
            MessageIdHeader = "1234@src.test",
            HandedOver = true,
            IsDsn = false,
            Inbound = true,
            SystemGenerated = true,
        };

        var unpacked = EnvelopePacker.Unpack(EnvelopePacker.Pack(envelope));

        Assert.Equal(envelope with { Recipients = unpacked.Recipients }, unpacked);
        Assert.Equal(envelope.Recipients, unpacked.Recipients);
        Assert.Equal(envelope.ReceivedAt.Offset, unpacked.ReceivedAt.Offset);
        Assert.Equal(envelope.ReceivedAt.UtcTicks, unpacked.ReceivedAt.UtcTicks);
    }

    [Fact]
    public void Unpack_keeps_nulls_and_the_null_sender()
    {
        var envelope = new MessageEnvelope
        {
            MailFrom = "",
            Recipients = [new EnvelopeRecipient("a@one.test")],
            TenantId = "default",
            ReceivedAt = DateTimeOffset.UnixEpoch,
            ClientAddress = "127.0.0.1",
            IsDsn = true,
        };

        var unpacked = EnvelopePacker.Unpack(EnvelopePacker.Pack(envelope));

        Assert.Equal(envelope with { Recipients = unpacked.Recipients }, unpacked);
        Assert.Null(unpacked.EnvId);
        Assert.Null(unpacked.Campaign);
        Assert.Null(Assert.Single(unpacked.Recipients).ORcpt);
        Assert.Equal(envelope.ReceivedAt, EnvelopePacker.ReceivedAt(EnvelopePacker.Pack(envelope)));
    }

    [Fact]
    public void Rebuilt_envelopes_share_their_labels()
    {
        var a = EnvelopePacker.Unpack(EnvelopePacker.Pack(SpoolEnvelope("one")));
        var b = EnvelopePacker.Unpack(EnvelopePacker.Pack(SpoolEnvelope("two")));

        Assert.Same(a.TenantId, b.TenantId);
        Assert.Same(a.ClientAddress, b.ClientAddress);
        Assert.Same(a.Campaign, b.Campaign);
    }

    private static MessageEnvelope SpoolEnvelope(string user) =>
        Spool.SpoolTestData.Envelope("s@src.test", $"{user}@one.test") with { TenantId = new string("tenant-x".AsSpan()), ClientAddress = new string("10.0.0.1".AsSpan()) };
}
