using Appliance.Mta.Configuration;

namespace Appliance.Mta.Dns;

/// <summary>
/// A value built from the DNS section (<see cref="MtaOptions.Dns"/>) of the settings snapshot in force, rebuilt when a
/// published snapshot changes that section (servers, timeout, the DNSSEC switch) and reused otherwise: the resolvers'
/// DnsClient <c>LookupClient</c> follows <c>Appliance:Dns:Servers</c> without a restart, and a query costs one
/// reference comparison, not a new client.
/// </summary>
internal sealed class DnsSectionCache<T>(IMtaSettings settings, Func<DnsOptions, T> build)
    where T : class
{
    private readonly Lock _buildLock = new();
    private volatile Entry? _entry;

    /// <summary>How many times the value was built (tests: a query does not rebuild it, a DNS change does).</summary>
    public int Builds { get; private set; }

    /// <summary>The value for the current snapshot's DNS section.</summary>
    public T Value
    {
        get
        {
            var dns = settings.Current.Dns;
            var entry = _entry;
            if (entry is not null && ReferenceEquals(entry.Dns, dns)) return entry.Value;
            lock (_buildLock)
            {
                entry = _entry;
                if (entry is not null && ReferenceEquals(entry.Dns, dns)) return entry.Value;
                // A snapshot copied with an equal DNS section keeps the value (and remembers the new reference).
                entry = entry is not null && SameSection(entry.Dns, dns) ? entry with { Dns = dns } : new Entry(dns, build(dns));
                if (!ReferenceEquals(entry.Value, _entry?.Value)) Builds++;
                _entry = entry;
                return entry.Value;
            }
        }
    }

    /// <summary>Whether two DNS sections configure the same client.</summary>
    public static bool SameSection(DnsOptions a, DnsOptions b) =>
        a.Timeout == b.Timeout && a.DnssecValidating == b.DnssecValidating && a.Servers.SequenceEqual(b.Servers, StringComparer.Ordinal);

    private sealed record Entry(DnsOptions Dns, T Value);
}
