using System.Net;
using Appliance.Mta.Dns;
using YamlDotNet.RepresentationModel;

namespace Appliance.Mta.Tests.Dns.Spf;

/// <summary>
/// A fake <see cref="IDnsResolver"/> built from an openspf suite's zonedata, with pyspf's test-harness semantics:
/// "SPF" entries act as TXT unless the name has a TXT key ("TXT: NONE" hides them); TIMEOUT times out a query
/// unless a record of the asked type came before it; an absent name is NXDOMAIN; CNAMEs are followed.
/// </summary>
public sealed class SpfZoneResolver : IDnsResolver
{
    private readonly Dictionary<string, List<SpfZoneEntry>> _zone = new(StringComparer.OrdinalIgnoreCase);

    public SpfZoneResolver(YamlMappingNode? zonedata)
    {
        if (zonedata is null) return;
        foreach (var (key, value) in zonedata.Children)
        {
            var name = ((YamlScalarNode)key).Value!.TrimEnd('.');
            _zone[name] = Load(value);
        }
    }

    private static List<SpfZoneEntry> Load(YamlNode node)
    {
        var entries = new List<SpfZoneEntry>();
        var generated = new List<SpfZoneEntry>();
        var hasTxt = false;
        if (node is not YamlSequenceNode sequence) return entries;
        foreach (var item in sequence)
        {
            if (item is YamlScalarNode { Value: "TIMEOUT" }) { entries.Add(new SpfZoneEntry("TIMEOUT", "")); continue; }
            if (item is not YamlMappingNode map) continue;
            foreach (var (k, v) in map.Children)
            {
                var type = ((YamlScalarNode)k).Value!;
                if (type == "TXT") hasTxt = true;
                if (v is YamlScalarNode { Value: "NONE" }) continue;
                if (type == "MX" && v is YamlSequenceNode mx)
                {
                    entries.Add(new SpfZoneEntry("MX", ((YamlScalarNode)mx[1]).Value!, int.Parse(((YamlScalarNode)mx[0]).Value!, System.Globalization.CultureInfo.InvariantCulture)));
                    continue;
                }
                var text = v is YamlSequenceNode parts ? string.Concat(parts.Select(p => ((YamlScalarNode)p).Value)) : ((YamlScalarNode)v).Value ?? "";
                if (type == "SPF") generated.Add(new SpfZoneEntry("TXT", text));
                else entries.Add(new SpfZoneEntry(type, text));
            }
        }
        if (!hasTxt) entries.AddRange(generated);
        return entries;
    }

    private DnsAnswer<SpfZoneEntry> Lookup(string name, string type, int depth = 0)
    {
        name = name.TrimEnd('.');
        if (!_zone.TryGetValue(name, out var entries))
            return DnsAnswer<SpfZoneEntry>.Fail(name.StartsWith("error.", StringComparison.OrdinalIgnoreCase) ? DnsStatus.Timeout : DnsStatus.NxDomain);
        var found = new List<SpfZoneEntry>();
        foreach (var e in entries)
        {
            if (e.IsTimeout)
            {
                if (found.Count == 0) return DnsAnswer<SpfZoneEntry>.Fail(DnsStatus.Timeout);
                break;
            }
            if (e.Type == type) found.Add(e);
        }
        if (found.Count > 0) return DnsAnswer<SpfZoneEntry>.Ok(found);
        var cname = entries.FirstOrDefault(e => e.Type == "CNAME");
        if (cname is not null && depth < 10) return Lookup(cname.Value, type, depth + 1);
        return DnsAnswer<SpfZoneEntry>.Fail(cname is null ? DnsStatus.NoData : DnsStatus.ServerFailure);
    }

    public Task<DnsAnswer<MxRecordData>> ResolveMxAsync(string domain, CancellationToken ct)
    {
        var a = Lookup(domain, "MX");
        return Task.FromResult(a.Status == DnsStatus.Ok
            ? DnsAnswer<MxRecordData>.Ok(a.Records.Select(r => new MxRecordData(r.Value.TrimEnd('.').ToLowerInvariant(), r.Preference)).ToList())
            : DnsAnswer<MxRecordData>.Fail(a.Status));
    }

    public Task<DnsAnswer<IPAddress>> ResolveAddressesAsync(string host, CancellationToken ct)
    {
        var v4 = Lookup(host, "A");
        var v6 = Lookup(host, "AAAA");
        var addresses = v4.Records.Concat(v6.Records).Select(r => IPAddress.TryParse(r.Value, out var ip) ? ip : null).OfType<IPAddress>().ToList();
        if (addresses.Count > 0) return Task.FromResult(DnsAnswer<IPAddress>.Ok(addresses));
        if (v4.IsTransient) return Task.FromResult(DnsAnswer<IPAddress>.Fail(v4.Status));
        if (v6.IsTransient) return Task.FromResult(DnsAnswer<IPAddress>.Fail(v6.Status));
        return Task.FromResult(DnsAnswer<IPAddress>.Fail(v4.Status == DnsStatus.NxDomain ? DnsStatus.NxDomain : DnsStatus.NoData));
    }

    public Task<DnsAnswer<string>> ResolveTxtAsync(string name, CancellationToken ct)
    {
        var a = Lookup(name, "TXT");
        return Task.FromResult(a.Status == DnsStatus.Ok ? DnsAnswer<string>.Ok(a.Records.Select(r => r.Value).ToList()) : DnsAnswer<string>.Fail(a.Status));
    }

    public Task<DnsAnswer<string>> ResolvePtrAsync(IPAddress address, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(address);
        var a = Lookup(address.GetArpaName(), "PTR");
        return Task.FromResult(a.Status == DnsStatus.Ok
            ? DnsAnswer<string>.Ok(a.Records.Select(r => r.Value.TrimEnd('.').ToLowerInvariant()).ToList())
            : DnsAnswer<string>.Fail(a.Status));
    }
}
