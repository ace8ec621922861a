using System.Buffers;
using System.Text;
using Appliance.Mta.Dkim;
using Appliance.Mta.Messages;
using Appliance.Mta.Reception;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Dkim;

/// <summary>A large message's body is hashed in chunks from its spill file: same signature as in memory.</summary>
public sealed class DkimSpilledMessageTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dkim-spill-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Spilled_body_is_signed_like_the_same_message_in_memory_and_verifies()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 20000; i++) body.Append("line ").Append(i).Append(" of a large body  \r\n");
        var text = "From: Shop <news@example.com>\r\nTo: b@example.net\r\nSubject: big\r\n\r\n" + body;
        var bytes = Encoding.ASCII.GetBytes(text);
        const int headLength = 5000; // header block plus the start of the body stay in memory

        var inMemory = new ReceptionMessage(Envelope(), new ReadOnlySequence<byte>(bytes));
        await Filter().FilterAsync(inMemory, CancellationToken.None);

        using var spill = ContentSpill.Create(_dir);
        spill.Write(bytes.AsSpan(headLength));
        spill.Complete();
        var spilled = new ReceptionMessage(Envelope(), new ReadOnlySequence<byte>(bytes, 0, headLength), spill);
        await Filter().FilterAsync(spilled, CancellationToken.None);

        var signedInMemory = inMemory.Content.ToArray();
        var signedHead = spilled.Content.ToArray();
        var added = signedInMemory.Length - bytes.Length;
        Assert.True(added > 0);
        Assert.Equal(signedInMemory[..added], signedHead[..added]); // identical DKIM-Signature fields (bh= over the spill)
        Assert.Equal(bytes.Length - headLength, spill.Length);
        Assert.Equal([true, true], PythonDkim.Verify(spilled.ToArray(), DkimTestKeys.Records));
    }

    [Fact]
    public async Task Header_block_not_ending_in_the_head_is_not_signed()
    {
        var bytes = Encoding.ASCII.GetBytes("From: news@example.com\r\nX-Long: " + new string('a', 500) + "\r\n\r\nbody\r\n");
        using var spill = ContentSpill.Create(_dir);
        spill.Write(bytes.AsSpan(100));
        spill.Complete();
        var message = new ReceptionMessage(Envelope(), new ReadOnlySequence<byte>(bytes, 0, 100), spill);

        var verdict = await Filter().FilterAsync(message, CancellationToken.None);

        Assert.False(verdict.IsStop); // SignOwnOnly: passes unsigned rather than signing a wrong header set
        Assert.Equal(bytes, message.ToArray());
    }

    private static DkimSigningFilter Filter()
    {
        var provider = new FakeDkimKeyProvider(FromDomainEnforcement.SignOwnOnly);
        provider.Plans[("t1", "example.com")] = DkimTestKeys.Plan("dual");
        return new DkimSigningFilter(provider, new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)), NullLogger<DkimSigningFilter>.Instance);
    }

    private static MessageEnvelope Envelope() => new()
    {
        MailFrom = "bounce@example.com",
        Recipients = [new EnvelopeRecipient("b@example.net")],
        TenantId = "t1",
        ReceivedAt = DateTimeOffset.UnixEpoch,
        ClientAddress = "192.0.2.1",
    };
}
