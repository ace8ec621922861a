using Appliance.Web.Modules.Pools.Shaping;

namespace Appliance.Web.Components.Pages.Pools;

/// <summary>Short text forms of shaping values for the pages.</summary>
public static class ShapingText
{
    public static string Limits(ShapingLimitsDto? l)
    {
        if (l is null) return "—";
        var parts = new List<string>();
        if (l.MaxConnections is { } c) parts.Add($"{c} connections");
        if (l.MessagesPerConnection is { } m) parts.Add($"{m} msgs/connection");
        if (l.MessageRate is { } r) parts.Add(r);
        if (l.MaxRecipientsPerTransaction is { } t) parts.Add($"{t} rcpts/transaction");
        if (l.ConnectTimeout is { } ct) parts.Add($"connect {ct}");
        if (l.GreetingTimeout is { } gt) parts.Add($"greeting {gt}");
        if (l.DataTimeout is { } dt) parts.Add($"data {dt}");
        if (l.RetryInterval is { } ri) parts.Add($"retry {ri}");
        return parts.Count == 0 ? "—" : string.Join(", ", parts);
    }
}
