using System.Collections.Concurrent;
using System.Net;
using Appliance.Mta.Dns;

namespace Appliance.Web.Tests.Domains;

/// <summary>A programmable resolver for the domains tests: TXT records set and removed by the test; the rest NXDOMAIN.</summary>
public sealed class TxtZone : IDnsResolver
{
    private readonly ConcurrentDictionary<string, string[]> _txt = new(StringComparer.OrdinalIgnoreCase);

    public void Publish(string name, params string[] values) => _txt[name] = values;

    public void Remove(string name) => _txt.TryRemove(name, out _);

    public Task<DnsAnswer<string>> ResolveTxtAsync(string name, CancellationToken ct) =>
        Task.FromResult(_txt.TryGetValue(name, out var v) ? DnsAnswer<string>.Ok(v) : DnsAnswer<string>.Fail(DnsStatus.NxDomain));

    public Task<DnsAnswer<MxRecordData>> ResolveMxAsync(string domain, CancellationToken ct) =>
        Task.FromResult(DnsAnswer<MxRecordData>.Fail(DnsStatus.NxDomain));

    public Task<DnsAnswer<IPAddress>> ResolveAddressesAsync(string host, CancellationToken ct) =>
        Task.FromResult(DnsAnswer<IPAddress>.Fail(DnsStatus.NxDomain));

    public Task<DnsAnswer<string>> ResolvePtrAsync(IPAddress address, CancellationToken ct) =>
        Task.FromResult(DnsAnswer<string>.Fail(DnsStatus.NxDomain));
}
