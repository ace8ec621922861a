using System.Collections.Concurrent;
using System.Net;
using Appliance.Mta.Delivery.Dane;
using Appliance.Mta.Dns;
using Appliance.Mta.Security.Tls;

namespace Appliance.Mta.Tests.Dane.Fakes;

/// <summary>
/// Programmable <see cref="IDnssecResolver"/>: answers per (type, name) with a status and a security status. An
/// unknown name answers a secure NXDOMAIN, so each test states exactly what exists.
/// </summary>
public sealed class FakeDnssecResolver : IDnssecResolver
{
    private readonly Dictionary<string, object> _answers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every query made, as "MX name", "ADDR name" or "TLSA name".</summary>
    public ConcurrentQueue<string> Queries { get; } = new();

    public FakeDnssecResolver Mx(string domain, DnssecStatus security, params (string Exchange, int Preference)[] records)
    {
        _answers["MX " + domain] = SecureAnswer<MxRecordData>.Of(records.Length == 0 ? DnsStatus.NoData : DnsStatus.Ok, security,
            [.. records.Select(r => new MxRecordData(r.Exchange, r.Preference))]);
        return this;
    }

    public FakeDnssecResolver Address(string host, DnssecStatus security, params string[] addresses)
    {
        _answers["ADDR " + host] = SecureAnswer<IPAddress>.Of(addresses.Length == 0 ? DnsStatus.NoData : DnsStatus.Ok, security,
            [.. addresses.Select(IPAddress.Parse)]);
        return this;
    }

    public FakeDnssecResolver Tlsa(string name, DnssecStatus security, params TlsaRecord[] records)
    {
        _answers["TLSA " + name] = SecureAnswer<TlsaRecord>.Of(records.Length == 0 ? DnsStatus.NoData : DnsStatus.Ok, security, records);
        return this;
    }

    /// <summary>A failed lookup: SERVFAIL judged bogus (validation failed) or indeterminate, or a timeout.</summary>
    public FakeDnssecResolver Fail(string type, string name, DnsStatus status, DnssecStatus security)
    {
        _answers[$"{type} {name}"] = type switch
        {
            "MX" => SecureAnswer<MxRecordData>.Of(status, security),
            "ADDR" => SecureAnswer<IPAddress>.Of(status, security),
            _ => (object)SecureAnswer<TlsaRecord>.Of(status, security),
        };
        return this;
    }

    public Task<SecureAnswer<MxRecordData>> ResolveMxAsync(string domain, CancellationToken ct) => Answer<MxRecordData>("MX " + domain);

    public Task<SecureAnswer<IPAddress>> ResolveAddressesAsync(string host, CancellationToken ct) => Answer<IPAddress>("ADDR " + host);

    public Task<SecureAnswer<TlsaRecord>> ResolveTlsaAsync(string name, CancellationToken ct) => Answer<TlsaRecord>("TLSA " + name);

    private Task<SecureAnswer<T>> Answer<T>(string key)
    {
        Queries.Enqueue(key);
        return Task.FromResult(_answers.TryGetValue(key, out var a) ? (SecureAnswer<T>)a : SecureAnswer<T>.Of(DnsStatus.NxDomain, DnssecStatus.Secure));
    }
}
