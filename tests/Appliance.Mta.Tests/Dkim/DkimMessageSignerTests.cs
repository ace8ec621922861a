using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Appliance.Mta.Dkim;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Dkim;

public sealed partial class DkimMessageSignerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    public static IEnumerable<object[]> Cases =>
        from name in DkimTestMessages.All.Keys
        from keys in new[] { "rsa", "ed25519", "dual" }
        select new object[] { name, keys };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Signed_message_verifies_with_dkimpy_and_keeps_its_bytes(string name, string keys)
    {
        var original = DkimTestMessages.Bytes(name);
        var plan = DkimTestKeys.Plan(keys);

        var fields = new DkimMessageSigner(_time).Sign(new ReadOnlySequence<byte>(original), plan);
        var signed = DkimMessageSigner.Prepend(fields, new ReadOnlySequence<byte>(original)).ToArray();

        Assert.Equal(original, signed[fields.Length..]);
        Assert.Equal(plan.Keys.Count, Regex.Matches(Encoding.ASCII.GetString(fields), "^DKIM-Signature:", RegexOptions.Multiline).Count);
        var results = PythonDkim.Verify(signed, DkimTestKeys.Records);
        Assert.Equal(plan.Keys.Count, results.Count);
        Assert.All(results, Assert.True);
    }

    [Fact]
    public void Signature_has_relaxed_canonicalisation_aligned_domain_time_and_over_signed_from()
    {
        var original = DkimTestMessages.Bytes("long-folded");
        var field = Unfold(new DkimMessageSigner(_time).Sign(new ReadOnlySequence<byte>(original), DkimTestKeys.Plan("rsa")));

        Assert.Contains("c=relaxed/relaxed", field);
        Assert.Contains("d=example.com", field);
        Assert.Contains("s=rsa1", field);
        Assert.Contains("a=rsa-sha256", field);
        Assert.Contains($"t={_time.GetUtcNow().ToUnixTimeSeconds()}", field);
        var h = HeaderList().Match(field).Groups[1].Value.Split(':').Select(n => n.Trim().ToLowerInvariant()).ToList();
        Assert.Equal(2, h.Count(n => n == "from")); // one From present, signed once more (RFC 6376 §8.15)
        Assert.Equal(2, h.Count(n => n == "to"));
        Assert.Contains("list-unsubscribe", h);
        Assert.Contains("list-unsubscribe-post", h);
        Assert.DoesNotContain("x-long", h);
        Assert.DoesNotContain("reply-to", h); // absent fields are not listed
    }

    [Fact]
    public void A_From_added_after_signing_breaks_the_signature()
    {
        var original = DkimTestMessages.Bytes("plain");
        var fields = new DkimMessageSigner(_time).Sign(new ReadOnlySequence<byte>(original), DkimTestKeys.Plan("ed25519"));
        var tampered = fields.Concat("From: Mallory <m@evil.example>\r\n"u8.ToArray()).Concat(original).ToArray();
        var untampered = fields.Concat(original).ToArray();

        Assert.Equal([true], PythonDkim.Verify(untampered, DkimTestKeys.Records));
        Assert.Equal([false], PythonDkim.Verify(tampered, DkimTestKeys.Records));
    }

    [Fact]
    public void Upstream_signature_stays_valid_after_ours_is_added()
    {
        using var upstreamRsa = System.Security.Cryptography.RSA.Create(2048);
        var upstreamRecord = "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(upstreamRsa.ExportSubjectPublicKeyInfo());
        var original = DkimTestMessages.Bytes("multipart");
        var upstream = PythonDkim.SignRsa(original, "upstream.example", "up", upstreamRsa.ExportRSAPrivateKeyPem());
        var relayed = upstream.Concat(original).ToArray();

        var ours = new DkimMessageSigner(_time).Sign(new ReadOnlySequence<byte>(relayed), DkimTestKeys.Plan("dual"));
        var sent = DkimMessageSigner.Prepend(ours, new ReadOnlySequence<byte>(relayed)).ToArray();

        Assert.Equal(relayed, sent[ours.Length..]);
        var records = new Dictionary<string, string>(DkimTestKeys.Records) { ["up._domainkey.upstream.example"] = upstreamRecord };
        Assert.Equal([true, true, true], PythonDkim.Verify(sent, records));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\nbody without headers\r\n")]
    [InlineData("To: b@example.net\r\nSubject: no From\r\n\r\nbody\r\n")]
    public void A_message_without_From_gets_no_signature(string message)
    {
        var fields = new DkimMessageSigner(_time).Sign(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(message)), DkimTestKeys.Plan("dual"));
        Assert.Empty(fields);
    }

    [Fact]
    public void Multi_segment_input_signs_like_contiguous_input()
    {
        var original = DkimTestMessages.Bytes("multipart");
        var split = DkimMessageSigner.Prepend(original[..37], new ReadOnlySequence<byte>(original[37..]));
        Assert.False(split.IsSingleSegment);
        var signer = new DkimMessageSigner(_time);

        var fromSplit = signer.Sign(split, DkimTestKeys.Plan("ed25519"));
        var fromWhole = signer.Sign(new ReadOnlySequence<byte>(original), DkimTestKeys.Plan("ed25519"));

        Assert.Equal(fromWhole, fromSplit); // Ed25519 is deterministic (RFC 8032 §5.1.6), so the bytes must match
    }

    [Theory]
    [InlineData("multipart")]
    [InlineData("long-folded")]
    [InlineData("plain")]
    public void Native_RSA_gives_the_same_signature_bytes_as_BouncyCastle(string name)
    {
        var original = new ReadOnlySequence<byte>(DkimTestMessages.Bytes(name));
        var plan = DkimTestKeys.Plan("rsa");

        var native = new DkimMessageSigner(_time, nativeRsa: true).Sign(original, plan);
        var bouncy = new DkimMessageSigner(_time, nativeRsa: false).Sign(original, plan);

        // RSASSA-PKCS1-v1_5 is deterministic (RFC 8017 §8.2), so the same input and key give the same b=.
        Assert.Contains("b=", Encoding.ASCII.GetString(native));
        Assert.Equal(Encoding.ASCII.GetString(bouncy), Encoding.ASCII.GetString(native));
    }

    [Fact]
    public void Every_line_of_the_field_ends_with_CRLF_and_fits_998_octets()
    {
        var fields = Encoding.ASCII.GetString(new DkimMessageSigner(_time).Sign(
            new ReadOnlySequence<byte>(DkimTestMessages.Bytes("plain")), DkimTestKeys.Plan("dual")));
        Assert.EndsWith("\r\n", fields);
        Assert.DoesNotContain("\n", fields.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.All(fields.Split("\r\n"), line => Assert.True(line.Length <= 998));
    }

    private static string Unfold(byte[] field) =>
        Regex.Replace(Encoding.ASCII.GetString(field), "\r\n[ \t]+", " ");

    [GeneratedRegex(@"\bh=([^;]+);")]
    private static partial Regex HeaderList();
}
