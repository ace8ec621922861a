using System.Security.Cryptography;
using System.Text;
using Appliance.Web.Modules.Webhooks.Delivery;

namespace Appliance.Web.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"events\":[]}");

    [Fact]
    public void Signature_is_the_hmac_sha256_of_timestamp_dot_body_in_hex()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("whsec_k"), Encoding.UTF8.GetBytes("1900000000.{\"events\":[]}")));

        var header = WebhookSignature.Header("whsec_k", 1_900_000_000, Body);

        Assert.Equal($"t=1900000000,v1={expected}", header);
    }

    [Fact]
    public void A_valid_signature_verifies()
    {
        var header = WebhookSignature.Header("whsec_k", Now.ToUnixTimeSeconds(), Body);

        Assert.True(WebhookSignature.Verify("whsec_k", header, Body, Now.AddSeconds(30), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_changed_body_a_wrong_secret_or_an_old_timestamp_fails()
    {
        var header = WebhookSignature.Header("whsec_k", Now.ToUnixTimeSeconds(), Body);

        Assert.False(WebhookSignature.Verify("whsec_k", header, Encoding.UTF8.GetBytes("{\"events\":[1]}"), Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("whsec_other", header, Body, Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("whsec_k", header, Body, Now.AddMinutes(6), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("whsec_k", header.Replace("t=1900000000", "t=1900000001", StringComparison.Ordinal), Body, Now, TimeSpan.FromMinutes(5)));
    }
}
