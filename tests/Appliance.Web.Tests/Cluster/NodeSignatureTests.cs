using System.Text;
using Appliance.Web.Cluster;
using Appliance.Web.Cluster.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.Cluster;

/// <summary>
/// The node-to-node signature on its own: a request signed with the cluster secret passes once; a wrong secret, a
/// changed target or body, a stale timestamp and a replayed nonce are refused, each with its own typed reason.
/// </summary>
public sealed class NodeSignatureTests
{
    private const string Secret = "cluster-secret-0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);

    private NodeRequestVerifier Verifier(string? secret = Secret) =>
        new(Options.Create(new ClusterOptions { Redis = "127.0.0.1:1", Secret = secret }), _time);

    private static DefaultHttpContext Signed(string secret, string method, string target, string body = "", DateTimeOffset? at = null, string nonce = "00112233445566778899aabbccddeeff")
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = method;
        var q = target.IndexOf('?', StringComparison.Ordinal);
        request.Path = q < 0 ? target : target[..q];
        request.QueryString = q < 0 ? QueryString.Empty : new QueryString(target[q..]);
        var bytes = Encoding.UTF8.GetBytes(body);
        request.Body = new MemoryStream(bytes);
        request.ContentLength = bytes.Length;
        var timestamp = (at ?? Now).ToUnixTimeSeconds();
        request.Headers[NodeSignature.NodeHeader] = "node-b";
        request.Headers[NodeSignature.TimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        request.Headers[NodeSignature.NonceHeader] = nonce;
        request.Headers[NodeSignature.SignatureHeader] = NodeSignature.Sign(secret, NodeSignature.Canonical(method, target, timestamp, nonce, "node-b", bytes));
        return context;
    }

    [Fact]
    public async Task A_request_signed_with_the_secret_is_valid_and_names_its_node()
    {
        var (check, node) = await Verifier().VerifyAsync(Signed(Secret, "GET", "/api/v1/internal/queues?tenant=acme").Request);

        Assert.Equal(NodeRequestCheck.Valid, check);
        Assert.Equal("node-b", node);
    }

    [Fact]
    public async Task The_body_stays_readable_for_the_endpoint()
    {
        var context = Signed(Secret, "POST", "/api/v1/internal/queues/retry", "{\"tenant\":\"acme\"}");

        Assert.Equal(NodeRequestCheck.Valid, (await Verifier().VerifyAsync(context.Request)).Check);
        Assert.Equal("{\"tenant\":\"acme\"}", await new StreamReader(context.Request.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task Another_secret_is_refused()
    {
        var (check, _) = await Verifier().VerifyAsync(Signed("another-secret-0123456789abcdef", "GET", "/api/v1/internal/queues").Request);

        Assert.Equal(NodeRequestCheck.BadSignature, check);
    }

    [Fact]
    public async Task A_changed_body_or_target_is_refused()
    {
        var body = Signed(Secret, "POST", "/api/v1/internal/queues/delete", "{\"tenant\":\"acme\"}");
        body.Request.Body = new MemoryStream("{\"tenant\":\"other\"}"u8.ToArray());
        var target = Signed(Secret, "GET", "/api/v1/internal/queues?tenant=acme", nonce: "ffeeddccbbaa99887766554433221100");
        target.Request.QueryString = new QueryString("?tenant=other");

        Assert.Equal(NodeRequestCheck.BadSignature, (await Verifier().VerifyAsync(body.Request)).Check);
        Assert.Equal(NodeRequestCheck.BadSignature, (await Verifier().VerifyAsync(target.Request)).Check);
    }

    [Fact]
    public async Task A_timestamp_outside_the_window_is_refused()
    {
        var verifier = Verifier();

        var stale = await verifier.VerifyAsync(Signed(Secret, "GET", "/api/v1/internal/queues", at: Now.AddSeconds(-31)).Request);
        var future = await verifier.VerifyAsync(Signed(Secret, "GET", "/api/v1/internal/queues", at: Now.AddSeconds(31), nonce: "ffeeddccbbaa99887766554433221100").Request);
        var edge = await verifier.VerifyAsync(Signed(Secret, "GET", "/api/v1/internal/queues", at: Now.AddSeconds(-30), nonce: "0123456789abcdef0123456789abcdef").Request);

        Assert.Equal(NodeRequestCheck.Expired, stale.Check);
        Assert.Equal(NodeRequestCheck.Expired, future.Check);
        Assert.Equal(NodeRequestCheck.Valid, edge.Check);
    }

    [Fact]
    public async Task The_same_signed_request_twice_is_a_replay()
    {
        var verifier = Verifier();

        var first = await verifier.VerifyAsync(Signed(Secret, "GET", "/api/v1/internal/queues").Request);
        var again = await verifier.VerifyAsync(Signed(Secret, "GET", "/api/v1/internal/queues").Request);

        Assert.Equal(NodeRequestCheck.Valid, first.Check);
        Assert.Equal(NodeRequestCheck.Replayed, again.Check);
    }

    [Fact]
    public async Task Missing_headers_and_no_cluster_mode_are_refused()
    {
        var unsigned = new DefaultHttpContext();
        unsigned.Request.Method = "GET";
        unsigned.Request.Path = "/api/v1/internal/queues";
        var noSecret = new NodeRequestVerifier(Options.Create(new ClusterOptions()), _time);

        Assert.Equal(NodeRequestCheck.Missing, (await Verifier().VerifyAsync(unsigned.Request)).Check);
        Assert.Equal(NodeRequestCheck.NotClusterMode, (await noSecret.VerifyAsync(Signed(Secret, "GET", "/api/v1/internal/queues").Request)).Check);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("short", false)]
    [InlineData("cluster-secret-0123456789abcdef", true)]
    public void Cluster_mode_needs_a_secret_of_16_characters(string? secret, bool valid)
    {
        var result = new ClusterOptionsValidator().Validate(null, new ClusterOptions { Redis = "127.0.0.1:6379", Secret = secret });

        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.Contains("Appliance:Cluster:Secret", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new ClusterOptionsValidator().Validate(null, new ClusterOptions { Secret = secret }).Succeeded); // single node: not needed
    }
}
