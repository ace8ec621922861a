using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Appliance.Mta.Configuration;
using Appliance.Mta.Dns;
using DnsClient;
using DnsClient.Protocol;
using TlsaRecord = Appliance.Mta.Security.Tls.TlsaRecord;

namespace Appliance.Mta.Delivery.Dane;

/// <summary>
/// <see cref="IDnssecResolver"/> over DnsClient: queries carry the DO bit (RFC 3225) so the validating resolver
/// reports the AD bit (RFC 4035 §3.2.3), which is trusted only because the operator declared the resolvers validate
/// (<see cref="DnsOptions.DnssecValidating"/>). A SERVFAIL is told apart as bogus by asking again with the CD bit
/// (RFC 4035 §3.2.2): if the data comes back without validation, validation is what failed. DnsClient's TTL cache
/// keeps warm lookups in memory.
/// </summary>
public sealed class DnsClientDnssecResolver : IDnssecResolver
{
    /// <summary>How long a denial or a failure is reused (DnsClient's cache; answers follow their TTL).</summary>
    public static readonly TimeSpan NegativeCacheTime = TimeSpan.FromSeconds(10);

    private const int MaxDenials = 100_000;

    private readonly DnsSectionCache<Client> _client;
    private readonly TimeProvider _time;

    // DnsClient caches only answers with records; denials (a host without AAAA, a name without TLSA) are most of
    // DANE's answers, so they are kept here for NegativeCacheTime and a warm delivery asks the network nothing.
    private readonly ConcurrentDictionary<(string Name, QueryType Type), (long At, DnsStatus Status, DnssecStatus Security)> _denials = new();

    /// <summary>
    /// A resolver over the DNS section of <paramref name="settings"/>' current snapshot: a publish that changes the
    /// servers or the timeout builds a new client (and forgets the denials the old servers gave) for the next query.
    /// </summary>
    public DnsClientDnssecResolver(IMtaSettings settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _time = time ?? TimeProvider.System;
        _client = new DnsSectionCache<Client>(settings, Build);
    }

    /// <summary>How many clients were built (tests: a query does not build one, a DNS change does).</summary>
    internal int ClientBuilds => _client.Builds;

    /// <summary>The servers the next query goes to (the current snapshot's, else the system's).</summary>
    internal IReadOnlyList<IPEndPoint> Servers => _client.Value.Servers;

    private Client Build(DnsOptions dns)
    {
        var lookup = DnsClientResolver.LookupOptions(dns);
        lookup.RequestDnsSecRecords = true;
        var client = new LookupClient(lookup);
        _denials.Clear();
        return new Client(client, [.. client.NameServers.Select(n => new IPEndPoint(IPAddress.Parse(n.Address), n.Port))], dns.Timeout);
    }

    /// <summary>One DnsClient with the servers it asks (the CD probe's too) and the per-query timeout.</summary>
    private sealed record Client(LookupClient Lookup, IReadOnlyList<IPEndPoint> Servers, TimeSpan Timeout);

    /// <inheritdoc/>
    public async Task<SecureAnswer<MxRecordData>> ResolveMxAsync(string domain, CancellationToken ct)
    {
        var (status, security, response) = await QueryAsync(domain, QueryType.MX, ct).ConfigureAwait(false);
        var records = response?.Answers.MxRecords().Select(mx => new MxRecordData(Normalize(mx.Exchange.Value), mx.Preference)).ToList();
        return SecureAnswer<MxRecordData>.Of(records is { Count: 0 } ? DnsStatus.NoData : status, security, records);
    }

    /// <inheritdoc/>
    public async Task<SecureAnswer<IPAddress>> ResolveAddressesAsync(string host, CancellationToken ct)
    {
        var v4Task = QueryAsync(host, QueryType.A, ct);
        var v6Task = QueryAsync(host, QueryType.AAAA, ct);
        var v4 = await v4Task.ConfigureAwait(false);
        var v6 = await v6Task.ConfigureAwait(false);
        var addresses = new List<IPAddress>();
        if (v4.Response is not null) addresses.AddRange(v4.Response.Answers.ARecords().Select(a => a.Address));
        if (v6.Response is not null) addresses.AddRange(v6.Response.Answers.AaaaRecords().Select(a => a.Address));
        // RFC 7672 §2.2.2: bogus anywhere poisons the host; secure only when every answer is.
        var security = v4.Security == DnssecStatus.Bogus || v6.Security == DnssecStatus.Bogus ? DnssecStatus.Bogus
            : v4.Security == DnssecStatus.Secure && v6.Security == DnssecStatus.Secure ? DnssecStatus.Secure
            : addresses.Count == 0 && (v4.Security == DnssecStatus.Indeterminate || v6.Security == DnssecStatus.Indeterminate) ? DnssecStatus.Indeterminate
            : DnssecStatus.Insecure;
        var status = addresses.Count > 0 ? DnsStatus.Ok
            : v4.Status is DnsStatus.ServerFailure or DnsStatus.Timeout ? v4.Status
            : v6.Status is DnsStatus.ServerFailure or DnsStatus.Timeout ? v6.Status
            : v4.Status == DnsStatus.NxDomain ? DnsStatus.NxDomain : DnsStatus.NoData;
        return SecureAnswer<IPAddress>.Of(status, security, addresses);
    }

    /// <inheritdoc/>
    public async Task<SecureAnswer<TlsaRecord>> ResolveTlsaAsync(string name, CancellationToken ct)
    {
        var (status, security, response) = await QueryAsync(name, QueryType.TLSA, ct).ConfigureAwait(false);
        var records = response?.Answers.TlsaRecords()
            .Select(t => new TlsaRecord((byte)t.CertificateUsage, (byte)t.Selector, (byte)t.MatchingType, t.CertificateAssociationData.ToArray()))
            .ToList();
        return SecureAnswer<TlsaRecord>.Of(records is { Count: 0 } ? DnsStatus.NoData : status, security, records);
    }

    private async Task<(DnsStatus Status, DnssecStatus Security, IDnsQueryResponse? Response)> QueryAsync(string name, QueryType type, CancellationToken ct)
    {
        var now = _time.GetTimestamp();
        if (_denials.TryGetValue((name, type), out var denial) && _time.GetElapsedTime(denial.At, now) < NegativeCacheTime)
            return (denial.Status, denial.Security, null);
        var result = await QueryNetworkAsync(name, type, ct).ConfigureAwait(false);
        var denied = result.Status == DnsStatus.NxDomain || result is { Status: DnsStatus.Ok, Response.Answers.Count: 0 };
        if (denied)
        {
            if (_denials.Count >= MaxDenials) _denials.Clear();
            _denials[(name, type)] = (now, result.Status == DnsStatus.Ok ? DnsStatus.NoData : result.Status, result.Security);
        }
        return result;
    }

    private async Task<(DnsStatus Status, DnssecStatus Security, IDnsQueryResponse? Response)> QueryNetworkAsync(string name, QueryType type, CancellationToken ct)
    {
        IDnsQueryResponse response;
        try
        {
            response = await _client.Value.Lookup.QueryAsync(name, type, QueryClass.IN, ct).ConfigureAwait(false);
        }
        catch (DnsResponseException e) when (e.Code == DnsResponseCode.ConnectionTimeout)
        {
            return (DnsStatus.Timeout, DnssecStatus.Indeterminate, null);
        }
        catch (Exception e) when (e is DnsResponseException or SocketException or IOException)
        {
            return (DnsStatus.ServerFailure, DnssecStatus.Indeterminate, null);
        }
        var security = response.Header.IsAuthenticData ? DnssecStatus.Secure : DnssecStatus.Insecure;
        if (!response.HasError) return (DnsStatus.Ok, security, response);
        if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain) return (DnsStatus.NxDomain, security, null);
        // RFC 4035 §5.5: a validator answers SERVFAIL for bogus data; with CD set it hands the data over unchecked.
        var bogus = await AnswersWithCheckingDisabledAsync(name, type, ct).ConfigureAwait(false);
        return (DnsStatus.ServerFailure, bogus ? DnssecStatus.Bogus : DnssecStatus.Indeterminate, null);
    }

    /// <summary>One raw UDP query with RD and CD set (DnsClient has no CD flag): true when the rcode is NOERROR or NXDOMAIN.</summary>
    private async Task<bool> AnswersWithCheckingDisabledAsync(string name, QueryType type, CancellationToken ct)
    {
        var client = _client.Value;
        if (client.Servers.Count == 0) return false;
        var query = BuildQuery(name, (ushort)type, (ushort)Random.Shared.Next(ushort.MaxValue));
        using var udp = new UdpClient(client.Servers[0].AddressFamily);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(client.Timeout);
        try
        {
            await udp.SendAsync(query, client.Servers[0], timeout.Token).ConfigureAwait(false);
            while (true)
            {
                var reply = await udp.ReceiveAsync(timeout.Token).ConfigureAwait(false);
                var buffer = reply.Buffer;
                if (buffer.Length < 12 || buffer[0] != query[0] || buffer[1] != query[1]) continue;
                var rcode = buffer[3] & 0x0F;
                return rcode is 0 or 3;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>RFC 1035 §4.1 query: header (id, RD|CD), one question.</summary>
    internal static byte[] BuildQuery(string name, ushort type, ushort id)
    {
        var labels = name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries);
        var length = 12 + labels.Sum(l => l.Length + 1) + 1 + 4;
        var q = new byte[length];
        BinaryPrimitives.WriteUInt16BigEndian(q, id);
        q[2] = 0x01; // RD
        q[3] = 0x10; // CD (RFC 4035 §3.2.2)
        q[5] = 1; // QDCOUNT
        var at = 12;
        foreach (var label in labels)
        {
            q[at++] = (byte)label.Length;
            foreach (var ch in label) q[at++] = (byte)ch;
        }
        q[at++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(q.AsSpan(at), type);
        BinaryPrimitives.WriteUInt16BigEndian(q.AsSpan(at + 2), 1); // IN
        return q;
    }

    private static string Normalize(string exchange)
    {
        var trimmed = exchange.TrimEnd('.');
        return trimmed.Length == 0 ? "." : trimmed.ToLower(CultureInfo.InvariantCulture);
    }
}
