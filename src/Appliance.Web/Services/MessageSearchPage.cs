using Appliance.Mta.Events;

namespace Appliance.Web.Services;

/// <summary>One page of a search, newest first. More is true when events beyond this page exist.</summary>
public sealed record MessageSearchPage(IReadOnlyList<MtaEvent> Events, bool More);
