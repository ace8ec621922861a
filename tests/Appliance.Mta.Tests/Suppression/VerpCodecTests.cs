using Appliance.Mta.Queue.Spool;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Tests.Suppression;

public class VerpCodecTests
{
    private static readonly FeedbackKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly VerpCodec _codec = new(Key, "b");

    [Fact]
    public void Round_trip_gives_message_and_recipient_back()
    {
        var token = new VerpToken(new SpoolId(0x0123456789abcdef), 7);
        var address = _codec.Encode(token, "Bounce.Example.com");
        Assert.StartsWith("b-", address, StringComparison.Ordinal);
        Assert.EndsWith("@bounce.example.com", address, StringComparison.Ordinal);
        Assert.True(address.IndexOf('@', StringComparison.Ordinal) <= 64); // RFC 5321 §4.5.3.1.1
        Assert.Equal(token, _codec.TryDecode(address));
        // A remote MTA may change the case of the local part.
        Assert.Equal(token, _codec.TryDecode(address.ToUpperInvariant()));
    }

    [Fact]
    public void Altered_forged_or_moved_addresses_are_refused()
    {
        var address = _codec.Encode(new VerpToken(new SpoolId(42), 1), "bounce.example.com");
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var flipped = address[..(at - 1)] + (address[at - 1] == 'a' ? 'b' : 'a') + address[at..];
        Assert.Null(_codec.TryDecode(flipped));
        Assert.Null(_codec.TryDecode(address.Replace("bounce.example.com", "other.example.com", StringComparison.Ordinal)));
        Assert.Null(new VerpCodec(new FeedbackKey(new byte[32]), "b").TryDecode(address));
        Assert.Null(_codec.TryDecode("b-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bounce.example.com"));
        Assert.Null(_codec.TryDecode("postmaster@bounce.example.com"));
    }

    [Fact]
    public void Key_file_is_created_once_and_reused()
    {
        var dir = Path.Combine(Path.GetTempPath(), "verp-key-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = FeedbackKey.LoadOrCreate(dir);
            var second = FeedbackKey.LoadOrCreate(dir);
            Assert.Equal(first.Key, second.Key);
            Assert.Equal(32, first.Key.Length);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
