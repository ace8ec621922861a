using Appliance.Mta.Admin;

namespace Appliance.Web.Api.Contracts;

/// <summary>
/// A <see cref="QueueFilter"/> plus the bounce reason (used by /queues/bounce only) and DryRun: count what the
/// operation would affect without doing it.
/// </summary>
public sealed record QueueOperationRequest(
    string? Tenant = null, string? Campaign = null, string? Domain = null, string? Site = null, string? MessageId = null, string? Reason = null, bool DryRun = false)
{
    public QueueFilter ToFilter() => new(Tenant, Campaign, Domain, Site, MessageId);
}
