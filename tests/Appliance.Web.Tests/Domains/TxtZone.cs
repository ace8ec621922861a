using System.Collections.Concurrent;
using System.Net;
using Appliance.Mta.Dns;

namespace Appliance.Web.Tests.Domains;

/// <summary>A programmable resolver for the domains tests: TXT, MX, address and TLSA records set and removed by the test; the rest NXDOMAIN.</summary>
public sealed class TxtZone : IDnsResolver
{
    private readonly ConcurrentDictionary<string, string[]> _txt = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, MxRecordData[]> _mx = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IPAddress[]> _addresses = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DnsAnswer<string>> _tlsa = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>TLSA records in presentation form ("3 1 1 hex"); none given: the name exists without TLSA (NODATA).</summary>
    public void PublishTlsa(string name, params string[] records) => _tlsa[name] = DnsAnswer<string>.Ok(records);

    public void FailTlsa(string name, DnsStatus status) => _tlsa[name] = DnsAnswer<string>.Fail(status);

    public void PublishMx(string name, params string[] exchanges) => _mx[name] = exchanges.Select((e, i) => new MxRecordData(e, 10 * (i + 1))).ToArray();

    public void PublishAddresses(string name, params IPAddress[] addresses) => _addresses[name] = addresses;

    public void Publish(string name, params string[] values) => _txt[name] = values;

    public void Remove(string name) => _txt.TryRemove(name, out _);

    public Task<DnsAnswer<string>> ResolveTxtAsync(string name, CancellationToken ct) =>
        Task.FromResult(_txt.TryGetValue(name, out var v) ? DnsAnswer<string>.Ok(v) : DnsAnswer<string>.Fail(DnsStatus.NxDomain));

    public Task<DnsAnswer<MxRecordData>> ResolveMxAsync(string domain, CancellationToken ct) =>
        Task.FromResult(_mx.TryGetValue(domain, out var v) ? DnsAnswer<MxRecordData>.Ok(v) : DnsAnswer<MxRecordData>.Fail(DnsStatus.NxDomain));

    public Task<DnsAnswer<IPAddress>> ResolveAddressesAsync(string host, CancellationToken ct) =>
        Task.FromResult(_addresses.TryGetValue(host, out var v) ? DnsAnswer<IPAddress>.Ok(v) : DnsAnswer<IPAddress>.Fail(DnsStatus.NxDomain));

    public Task<DnsAnswer<string>> ResolveTlsaAsync(string name, CancellationToken ct) =>
        Task.FromResult(_tlsa.TryGetValue(name, out var v) ? v : DnsAnswer<string>.Fail(DnsStatus.NxDomain));

    public Task<DnsAnswer<string>> ResolvePtrAsync(IPAddress address, CancellationToken ct) =>
        Task.FromResult(DnsAnswer<string>.Fail(DnsStatus.NxDomain));
}
