using Microsoft.Extensions.Options;

namespace Appliance.Web.Cluster.Internal;

/// <summary>Signs every request of the internal HTTP client (<see cref="NodeSignature"/>) as this node.</summary>
public sealed class NodeSigningHandler(IOptions<ClusterOptions> options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var o = options.Value;
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var nonce = NodeSignature.NewNonce();
        var node = o.EffectiveNodeName;
        var target = request.RequestUri!.PathAndQuery;
        var canonical = NodeSignature.Canonical(request.Method.Method, target, timestamp, nonce, node, body);
        request.Headers.Add(NodeSignature.NodeHeader, node);
        request.Headers.Add(NodeSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(NodeSignature.NonceHeader, nonce);
        request.Headers.Add(NodeSignature.SignatureHeader, NodeSignature.Sign(o.Secret?.Trim() ?? "", canonical));
        return await base.SendAsync(request, cancellationToken);
    }
}
