using Appliance.Mta.Events;

namespace Appliance.Web.Api.Contracts;

/// <summary>GET /events: matching events newest first; More when the limit cut the list.</summary>
public sealed record EventSearchResponse(IReadOnlyList<MtaEvent> Events, bool More);
