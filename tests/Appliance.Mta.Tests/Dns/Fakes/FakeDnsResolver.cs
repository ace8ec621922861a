using System.Collections.Concurrent;
using System.Net;
using Appliance.Mta.Dns;

namespace Appliance.Mta.Tests.Dns.Fakes;

/// <summary>
/// Programmable <see cref="IDnsResolver"/> (mox dns.MockResolver style): record maps plus forced failures.
/// A name with no records of the asked type answers NoData when it is known (has any record), else NXDOMAIN.
/// </summary>
public sealed class FakeDnsResolver : IDnsResolver
{
    private readonly Dictionary<string, List<MxRecordData>> _mx = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<IPAddress>> _addresses = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DnsStatus> _mxFailures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DnsStatus> _addressFailures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _txt = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _ptr = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DnsStatus> _txtFailures = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _known = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every query made, as "MX name" or "ADDR name".</summary>
    public ConcurrentQueue<string> Queries { get; } = new();

    public FakeDnsResolver AddMx(string domain, string exchange, int preference)
    {
        if (!_mx.TryGetValue(domain, out var list)) _mx[domain] = list = [];
        list.Add(new MxRecordData(exchange, preference));
        _known.Add(domain);
        return this;
    }

    public FakeDnsResolver AddAddress(string host, params string[] addresses)
    {
        if (!_addresses.TryGetValue(host, out var list)) _addresses[host] = list = [];
        list.AddRange(addresses.Select(IPAddress.Parse));
        _known.Add(host);
        return this;
    }

    /// <summary>The name exists but has no records of any type we ask for.</summary>
    public FakeDnsResolver AddEmptyName(string name)
    {
        _known.Add(name);
        return this;
    }

    public FakeDnsResolver FailMx(string domain, DnsStatus status)
    {
        _mxFailures[domain] = status;
        return this;
    }

    public FakeDnsResolver FailAddress(string host, DnsStatus status)
    {
        _addressFailures[host] = status;
        return this;
    }

    public Task<DnsAnswer<MxRecordData>> ResolveMxAsync(string domain, CancellationToken ct)
    {
        Queries.Enqueue($"MX {domain}");
        if (_mxFailures.TryGetValue(domain, out var failure)) return Task.FromResult(DnsAnswer<MxRecordData>.Fail(failure));
        if (_mx.TryGetValue(domain, out var records)) return Task.FromResult(DnsAnswer<MxRecordData>.Ok(records.ToList()));
        return Task.FromResult(DnsAnswer<MxRecordData>.Fail(_known.Contains(domain) ? DnsStatus.NoData : DnsStatus.NxDomain));
    }

    public Task<DnsAnswer<IPAddress>> ResolveAddressesAsync(string host, CancellationToken ct)
    {
        Queries.Enqueue($"ADDR {host}");
        if (_addressFailures.TryGetValue(host, out var failure)) return Task.FromResult(DnsAnswer<IPAddress>.Fail(failure));
        if (_addresses.TryGetValue(host, out var records)) return Task.FromResult(DnsAnswer<IPAddress>.Ok(records.ToList()));
        return Task.FromResult(DnsAnswer<IPAddress>.Fail(_known.Contains(host) ? DnsStatus.NoData : DnsStatus.NxDomain));
    }

    public FakeDnsResolver AddTxt(string name, string value)
    {
        if (!_txt.TryGetValue(name, out var list)) _txt[name] = list = [];
        list.Add(value);
        _known.Add(name);
        return this;
    }

    public FakeDnsResolver FailTxt(string name, DnsStatus status)
    {
        _txtFailures[name] = status;
        return this;
    }

    public FakeDnsResolver AddPtr(string address, string name)
    {
        if (!_ptr.TryGetValue(address, out var list)) _ptr[address] = list = [];
        list.Add(name);
        return this;
    }

    public Task<DnsAnswer<string>> ResolveTxtAsync(string name, CancellationToken ct)
    {
        Queries.Enqueue($"TXT {name}");
        if (_txtFailures.TryGetValue(name, out var failure)) return Task.FromResult(DnsAnswer<string>.Fail(failure));
        if (_txt.TryGetValue(name, out var records)) return Task.FromResult(DnsAnswer<string>.Ok(records.ToList()));
        return Task.FromResult(DnsAnswer<string>.Fail(_known.Contains(name) ? DnsStatus.NoData : DnsStatus.NxDomain));
    }

    public Task<DnsAnswer<string>> ResolvePtrAsync(IPAddress address, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(address);
        Queries.Enqueue($"PTR {address}");
        if (_ptr.TryGetValue(address.ToString(), out var records)) return Task.FromResult(DnsAnswer<string>.Ok(records.ToList()));
        return Task.FromResult(DnsAnswer<string>.Fail(DnsStatus.NxDomain));
    }
}
