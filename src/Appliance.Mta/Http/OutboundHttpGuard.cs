using System.Net;
using System.Net.Sockets;

namespace Appliance.Mta.Http;

/// <summary>
/// Keeps the appliance's outbound HTTP (webhooks, MTA-STS policy fetches, TLS-RPT reports, anything later) away from
/// the appliance itself and its private networks (server-side request forgery). The check is made on the address
/// actually connected: <see cref="ConnectAsync(SocketsHttpConnectionContext, CancellationToken)"/> resolves the host
/// once, drops every refused address and connects to a vetted one, so numeric host spellings ("2130706437",
/// "0x7f.1", "127.1") and DNS rebinding between a check and the connection cannot slip through. Refused:
/// <see cref="BlockedAddressRanges"/>, unless inside <see cref="OutboundHttpOptions.AllowedNetworks"/>.
/// </summary>
public sealed class OutboundHttpGuard
{
    private readonly Func<string, CancellationToken, Task<IReadOnlyList<IPAddress>>> _resolve;

    /// <param name="options">The administrator's allowlist.</param>
    /// <param name="resolve">Host name → addresses; the system resolver when null (webhook receivers may be named in /etc/hosts).</param>
    public OutboundHttpGuard(OutboundHttpOptions options, Func<string, CancellationToken, Task<IReadOnlyList<IPAddress>>>? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _resolve = resolve ?? SystemResolveAsync;
    }

    /// <summary>The networks allowed although not public.</summary>
    public OutboundHttpOptions Options { get; }

    /// <summary>Null when the appliance may connect to <paramref name="address"/>, else why not.</summary>
    public string? RefusalReason(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var reason = BlockedAddressRanges.ReasonFor(address);
        if (reason is null) return null;
        var embedded = BlockedAddressRanges.EmbeddedIPv4(address);
        foreach (var allowed in Options.AllowedNetworks)
            if (allowed.Contains(address) || (embedded is not null && allowed.Contains(embedded))) return null;
        return reason;
    }

    /// <summary>A handler whose every connection goes through this guard: no proxy (a proxy would connect for us),
    /// no redirects, no cookies.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectCallback = ConnectAsync,
    };

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves, filters, connects to a vetted address.</summary>
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, _resolve, cancellationToken);
    }

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/> through <paramref name="resolve"/> (the
    /// engine's own resolver for MTA-STS), refusing blocked addresses.</summary>
    /// <exception cref="HttpRequestException">No allowed address, or none accepted the connection.</exception>
    public async ValueTask<Stream> ConnectAsync(string host, int port, Func<string, CancellationToken, Task<IReadOnlyList<IPAddress>>> resolve,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(resolve);
        var name = host.Trim('[', ']');
        IReadOnlyList<IPAddress> addresses = IPAddress.TryParse(name, out var literal) ? [literal] : await resolve(name, cancellationToken).ConfigureAwait(false);
        if (addresses.Count == 0) throw new HttpRequestException(HttpRequestError.NameResolutionError, $"{host} does not resolve");
        var refusals = new List<string>();
        Exception? last = null;
        foreach (var address in addresses)
        {
            if (RefusalReason(address) is { } reason)
            {
                refusals.Add($"{address} ({reason})");
                continue;
            }
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }
        if (last is null)
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                $"outbound HTTP to {host} refused: {string.Join(", ", refusals)} is not a public address (allow internal networks with {OutboundHttpOptions.Section}:AllowedNetworks)");
        throw new HttpRequestException(HttpRequestError.ConnectionError, $"cannot connect to {host}:{port}: {last.Message}", last);
    }

    private static async Task<IReadOnlyList<IPAddress>> SystemResolveAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            return await System.Net.Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"{host} does not resolve: {e.Message}", e);
        }
    }
}
