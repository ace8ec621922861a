using Appliance.Mta.Suppression;

namespace Appliance.Mta.Tests.Suppression;

public class UnsubscribeTokenCodecTests
{
    private readonly UnsubscribeTokenCodec _codec = new(new FeedbackKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    [Fact]
    public void Round_trip_names_tenant_and_recipient()
    {
        var token = _codec.Encode(new UnsubscribeToken("acme", "bob@example.com"));
        Assert.Equal(new UnsubscribeToken("acme", "bob@example.com"), _codec.TryDecode(token));
    }

    [Fact]
    public void Token_for_another_address_cannot_be_made_without_the_key()
    {
        var real = _codec.Encode(new UnsubscribeToken("acme", "bob@example.com"));
        var mac = real[(real.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var otherPayload = System.Buffers.Text.Base64Url.EncodeToString("acme\nalice@example.com"u8);
        Assert.Null(_codec.TryDecode(otherPayload + "." + mac));
        Assert.Null(_codec.TryDecode("garbage"));
        Assert.Null(_codec.TryDecode(real + "x"));
        Assert.Null(new UnsubscribeTokenCodec(new FeedbackKey(new byte[32])).TryDecode(real));
    }
}
