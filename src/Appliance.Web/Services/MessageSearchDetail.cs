using Appliance.Mta.Events;

namespace Appliance.Web.Services;

/// <summary>
/// A message's timeline (its events, oldest first: received, each attempt with its response, the outcome) and,
/// while it is still queued, its envelope and headers. Status: queued, delivered, bounced, expired, finished.
/// </summary>
public sealed record MessageSearchDetail(string Id, string? Tenant, string Status, IReadOnlyList<MtaEvent> Timeline, MessageSearchQueued? Queued);
