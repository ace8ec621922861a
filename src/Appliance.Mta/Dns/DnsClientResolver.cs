using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Appliance.Mta.Configuration;
using DnsClient;
using DnsClient.Protocol;

namespace Appliance.Mta.Dns;

/// <summary>
/// <see cref="IDnsResolver"/> over DnsClient's <see cref="LookupClient"/>: the servers from
/// <see cref="DnsOptions.Servers"/> ("ip:port") or the system resolvers, DnsClient's TTL cache on,
/// one retry, the per-query timeout from options. DNS errors become a <see cref="DnsStatus"/>, never an exception.
/// The client follows the settings snapshot in force: a publish that changes the DNS section builds a new client for
/// the next query (<see cref="DnsSectionCache{T}"/>); other publishes keep it and its cache.
/// </summary>
public sealed class DnsClientResolver : IDnsResolver
{
    private readonly DnsSectionCache<LookupClient> _client;

    /// <summary>A resolver over the DNS section of <paramref name="settings"/>' current snapshot.</summary>
    public DnsClientResolver(IMtaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _client = new DnsSectionCache<LookupClient>(settings, dns => new LookupClient(LookupOptions(dns)));
    }

    /// <summary>How many clients were built (tests: a query does not build one, a DNS change does).</summary>
    internal int ClientBuilds => _client.Builds;

    /// <summary>The client settings every engine lookup uses: the configured servers (else the system's), one retry,
    /// TCP fallback, answers cached.</summary>
    public static LookupClientOptions LookupOptions(DnsOptions dns)
    {
        ArgumentNullException.ThrowIfNull(dns);
        var servers = dns.Servers.Select(ParseServer).ToArray();
        var lookup = servers.Length > 0 ? new LookupClientOptions(servers) : new LookupClientOptions();
        lookup.UseCache = true;
        lookup.Retries = 1;
        lookup.Timeout = dns.Timeout;
        lookup.ThrowDnsErrors = false;
        lookup.UseTcpFallback = true;
        // A resolver's NXDOMAIN is authoritative enough: don't ask the next server (RFC 2308 §5).
        lookup.ContinueOnDnsError = false;
        lookup.ContinueOnEmptyResponse = false;
        return lookup;
    }

    /// <summary>"127.0.0.1:5353", "[::1]:53" or a bare address (port 53).</summary>
    public static NameServer ParseServer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IPAddress.TryParse(text, out var bare)) return new NameServer(bare, 53);
        if (IPEndPoint.TryParse(text, out var ep)) return new NameServer(ep.Address, ep.Port == 0 ? 53 : ep.Port);
        throw new FormatException($"Not a DNS server address: '{text}'");
    }

    /// <inheritdoc/>
    public async Task<DnsAnswer<MxRecordData>> ResolveMxAsync(string domain, CancellationToken ct)
    {
        var (status, response) = await QueryAsync(domain, QueryType.MX, ct).ConfigureAwait(false);
        if (response is null) return DnsAnswer<MxRecordData>.Fail(status);
        var records = response.Answers.MxRecords()
            .Select(mx => new MxRecordData(Normalize(mx.Exchange.Value), mx.Preference))
            .ToList();
        return DnsAnswer<MxRecordData>.Ok(records);
    }

    /// <inheritdoc/>
    public async Task<DnsAnswer<IPAddress>> ResolveAddressesAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) return DnsAnswer<IPAddress>.Ok([literal]);
        var v4Task = QueryAsync(host, QueryType.A, ct);
        var v6Task = QueryAsync(host, QueryType.AAAA, ct);
        var v4 = await v4Task.ConfigureAwait(false);
        var v6 = await v6Task.ConfigureAwait(false);
        var addresses = new List<IPAddress>();
        if (v4.Response is not null) addresses.AddRange(v4.Response.Answers.ARecords().Select(a => a.Address));
        if (v6.Response is not null) addresses.AddRange(v6.Response.Answers.AaaaRecords().Select(a => a.Address));
        if (addresses.Count > 0) return DnsAnswer<IPAddress>.Ok(addresses);
        // No address at all: a transient error on either family wins, since the other family may exist.
        if (IsTransient(v4.Status)) return DnsAnswer<IPAddress>.Fail(v4.Status);
        if (IsTransient(v6.Status)) return DnsAnswer<IPAddress>.Fail(v6.Status);
        return DnsAnswer<IPAddress>.Fail(v4.Status == DnsStatus.NxDomain || v6.Status == DnsStatus.NxDomain ? DnsStatus.NxDomain : DnsStatus.NoData);
    }

    /// <inheritdoc/>
    public async Task<DnsAnswer<string>> ResolveTxtAsync(string name, CancellationToken ct)
    {
        var (status, response) = await QueryAsync(name, QueryType.TXT, ct).ConfigureAwait(false);
        if (response is null) return DnsAnswer<string>.Fail(status);
        // RFC 7208 §3.3: the strings of one record are joined with no spaces.
        var records = response.Answers.TxtRecords().Select(t => string.Concat(t.Text)).ToList();
        return DnsAnswer<string>.Ok(records);
    }

    /// <inheritdoc/>
    public async Task<DnsAnswer<string>> ResolvePtrAsync(IPAddress address, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(address);
        var (status, response) = await QueryAsync(address.GetArpaName(), QueryType.PTR, ct).ConfigureAwait(false);
        if (response is null) return DnsAnswer<string>.Fail(status);
        var records = response.Answers.PtrRecords().Select(p => Normalize(p.PtrDomainName.Value)).ToList();
        return DnsAnswer<string>.Ok(records);
    }

    /// <inheritdoc/>
    public async Task<DnsAnswer<string>> ResolveTlsaAsync(string name, CancellationToken ct)
    {
        var (status, response) = await QueryAsync(name, QueryType.TLSA, ct).ConfigureAwait(false);
        if (response is null) return DnsAnswer<string>.Fail(status);
        // RFC 6698 §2.2: presentation form "usage selector matching-type certificate-association-data (hex)".
        var records = response.Answers.OfType<TlsaRecord>().Select(t => string.Create(CultureInfo.InvariantCulture,
            $"{(int)t.CertificateUsage} {(int)t.Selector} {(int)t.MatchingType} {Convert.ToHexStringLower(t.CertificateAssociationData.ToArray())}")).ToList();
        return DnsAnswer<string>.Ok(records);
    }

    private static bool IsTransient(DnsStatus s) => s is DnsStatus.ServerFailure or DnsStatus.Timeout;

    private async Task<(DnsStatus Status, IDnsQueryResponse? Response)> QueryAsync(string name, QueryType type, CancellationToken ct)
    {
        IDnsQueryResponse response;
        try
        {
            response = await _client.Value.QueryAsync(ToAscii(name), type, QueryClass.IN, ct).ConfigureAwait(false);
        }
        catch (DnsResponseException e) when (e.Code == DnsResponseCode.ConnectionTimeout)
        {
            return (DnsStatus.Timeout, null);
        }
        catch (Exception e) when (e is DnsResponseException or SocketException or IOException)
        {
            return (DnsStatus.ServerFailure, null);
        }
        if (response.HasError)
        {
            return response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain
                ? (DnsStatus.NxDomain, null)
                : (DnsStatus.ServerFailure, null);
        }
        return (DnsStatus.Ok, response);
    }

    /// <summary>RFC 5890 A-labels for the query; names that cannot be mapped are sent as given.</summary>
    private static string ToAscii(string name)
    {
        if (System.Text.Ascii.IsValid(name)) return name;
        try { return new IdnMapping().GetAscii(name); }
        catch (Exception e) when (e is ArgumentException or PlatformNotSupportedException) { return name; }
    }

    private static string Normalize(string exchange)
    {
        var trimmed = exchange.TrimEnd('.');
        return trimmed.Length == 0 ? "." : trimmed.ToLowerInvariant();
    }
}
