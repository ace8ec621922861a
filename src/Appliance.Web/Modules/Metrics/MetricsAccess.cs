using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Metrics;

/// <summary>Who may read /metrics: a client address inside <see cref="MetricsOptions.AllowedNetworks"/>, or a request
/// carrying "Authorization: Bearer &lt;Token&gt;" (RFC 6750 §2.1), compared in constant time.</summary>
public sealed class MetricsAccess
{
    private readonly IPNetwork[] _networks;
    private readonly byte[]? _token;

    public MetricsAccess(IOptions<MetricsOptions> options)
    {
        _networks = [.. options.Value.AllowedNetworks.Select(n => n.Trim()).Where(n => n.Length > 0).Select(Parse)];
        _token = string.IsNullOrEmpty(options.Value.Token) ? null : Encoding.UTF8.GetBytes(options.Value.Token);
    }

    public bool IsAllowed(IPAddress? remote, string? authorization) => TokenMatches(authorization) || InNetworks(remote);

    private bool InNetworks(IPAddress? remote)
    {
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return _networks.Any(n => n.Contains(remote));
    }

    private bool TokenMatches(string? authorization)
    {
        if (_token is null || authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var given = Encoding.UTF8.GetBytes(authorization["Bearer ".Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, _token);
    }

    private static IPNetwork Parse(string cidr) =>
        cidr.Contains('/') ? IPNetwork.Parse(cidr) : new IPNetwork(IPAddress.Parse(cidr), IPAddress.Parse(cidr).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
}
