using Appliance.Mta.Suppression;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>How long suppressions of each reason last (Appliance:Suppressions), for the pages that explain the rules.</summary>
public sealed class SuppressionLifetimes(IOptions<SuppressionOptions> options)
{
    /// <summary>The lifetime of a suppression for <paramref name="reason"/>; null when it is permanent.</summary>
    public TimeSpan? Of(SuppressionReason reason) => options.Value.LifetimeOf(reason);
}
