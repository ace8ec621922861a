using Appliance.Mta.Egress;
using Appliance.Mta.Events;
using Appliance.Mta.Shaping;

namespace Appliance.Web.Modules.Pools.Warmup;

/// <summary>
/// Finds the egress source (and provider) a complaint is about. A Feedback event names the message (spool id, when the
/// report could be matched by VERP or the trace header) and the reported source IP, but not the egress source. In order:
/// the event's EgressSource (set by the inbound filter when the VERP return path found the delivery); the source whose bind address is the report's source IP; the
/// original message's Delivery event to that recipient in the event log (it carries EgressSource and Site).
/// The provider is the shipped provider rule matching the delivery's site (MX hosts) or the recipient's domain.
/// </summary>
public sealed class ComplaintSourceResolver(EgressConfiguration egress, TrafficShaper shaper, EventLog log)
{
    /// <summary>How far back the original delivery is looked up (feedback loops report within days).</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(14);

    public async Task<(string Source, string? Provider)?> ResolveAsync(MtaEvent feedback, CancellationToken ct)
    {
        string? source = feedback.EgressSource;
        string? site = feedback.Site;
        if (source is null && feedback.EgressIp is { Length: > 0 } ip)
            source = egress.Plan.Sources.FirstOrDefault(s => s.BindAddress?.ToString() == ip)?.Name;
        if (source is null && feedback.MessageId is { Length: > 0 } id)
        {
            var deliveries = await log.SearchAsync(new EventQuery
            {
                MessageId = id,
                Recipient = feedback.Recipient,
                Types = new HashSet<MtaEventType> { MtaEventType.Delivery },
                From = feedback.Timestamp - LookBack,
                To = feedback.Timestamp.AddMinutes(1),
                Limit = 1,
            }, ct).ConfigureAwait(false);
            if (deliveries.FirstOrDefault() is { EgressSource: { } s } delivery)
            {
                source = s;
                site ??= delivery.Site;
            }
        }
        return source is null ? null : (source, Provider(site, feedback.Recipient));
    }

    private string? Provider(string? site, string? recipient)
    {
        var hosts = TrafficShaper.HostsOf(site ?? "");
        var at = recipient?.LastIndexOf('@') ?? -1;
        var domain = at >= 0 ? recipient![(at + 1)..] : "";
        return shaper.Rules.Providers.FirstOrDefault(p => p.Matches(hosts, domain, null))?.Name;
    }
}
