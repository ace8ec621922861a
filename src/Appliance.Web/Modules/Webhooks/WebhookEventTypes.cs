using Appliance.Mta.Events;

namespace Appliance.Web.Modules.Webhooks;

/// <summary>The event types an endpoint can subscribe to, and their text form (stored comma-separated).</summary>
public static class WebhookEventTypes
{
    public static readonly IReadOnlyList<MtaEventType> All =
    [
        MtaEventType.Reception, MtaEventType.Delivery, MtaEventType.TransientFailure, MtaEventType.Bounce,
        MtaEventType.Expiration, MtaEventType.Oob, MtaEventType.Feedback, MtaEventType.Unsubscribe,
        MtaEventType.Suppression, MtaEventType.Alert,
    ];

    public static bool TryParse(string? text, out MtaEventType type) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out type) && All.Contains(type) && !int.TryParse(text, out _);

    public static IReadOnlySet<MtaEventType> Parse(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => TryParse(s, out var t) ? (MtaEventType?)t : null)
            .OfType<MtaEventType>()
            .ToHashSet();

    public static string Format(IEnumerable<MtaEventType> types) => string.Join(',', types.Distinct().Order());
}
