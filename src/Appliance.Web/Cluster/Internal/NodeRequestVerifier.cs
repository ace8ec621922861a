using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Cluster.Internal;

/// <summary>
/// Checks the <see cref="NodeSignature"/> of a request to an internal endpoint: the only credential those endpoints
/// take (no API key, no cookie). Remembers the nonces of the current window to refuse replays.
/// </summary>
public sealed class NodeRequestVerifier(IOptions<ClusterOptions> options, TimeProvider time)
{
    /// <summary>Bodies of internal requests are small filters; anything larger is refused unread.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);
    private long _nextPrune;

    /// <summary>Checks <paramref name="request"/>; its body stays readable for the endpoint.</summary>
    public async Task<(NodeRequestCheck Check, string? Node)> VerifyAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var o = options.Value;
        if (!o.Enabled || string.IsNullOrWhiteSpace(o.Secret)) return (NodeRequestCheck.NotClusterMode, null);
        var node = request.Headers[NodeSignature.NodeHeader].ToString();
        var nonce = request.Headers[NodeSignature.NonceHeader].ToString();
        var signature = request.Headers[NodeSignature.SignatureHeader].ToString();
        if (node.Length == 0 || nonce.Length is < 16 or > 64 || signature.Length == 0
            || !long.TryParse(request.Headers[NodeSignature.TimestampHeader].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            return (NodeRequestCheck.Missing, null);

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var window = (long)Math.Ceiling(o.SignatureWindow.TotalSeconds);
        if (Math.Abs(now - timestamp) > window) return (NodeRequestCheck.Expired, node);

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null) return (NodeRequestCheck.BadSignature, node);
        // The request target exactly as the caller sent and signed it (before any decoding).
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : request.PathBase + request.Path + request.QueryString;
        var canonical = NodeSignature.Canonical(request.Method, target, timestamp, nonce, node, body);
        if (!NodeSignature.Matches(o.Secret!.Trim(), canonical, signature)) return (NodeRequestCheck.BadSignature, node);

        Prune(now, window);
        // Only a correctly signed nonce is remembered: a forger cannot fill the cache.
        return _seen.TryAdd(nonce, timestamp + window) ? (NodeRequestCheck.Valid, node) : (NodeRequestCheck.Replayed, node);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is > MaxBodyBytes) return null;
        request.EnableBuffering(MaxBodyBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes) return null;
        }
        request.Body.Position = 0;
        return buffer.ToArray();
    }

    private void Prune(long now, long window)
    {
        if (now < Interlocked.Read(ref _nextPrune)) return;
        Interlocked.Exchange(ref _nextPrune, now + window);
        foreach (var (nonce, expires) in _seen)
            if (expires < now) _seen.TryRemove(nonce, out _);
    }
}
