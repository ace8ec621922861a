using Appliance.Mta.Events;
using MudBlazor;

namespace Appliance.Web.Components.Pages.Monitoring;

/// <summary>One colour per event type in the Messages pages.</summary>
public static class EventColors
{
    public static Color Of(MtaEventType type) => type switch
    {
        MtaEventType.Delivery => Color.Success,
        MtaEventType.TransientFailure => Color.Warning,
        MtaEventType.Bounce or MtaEventType.Expiration or MtaEventType.Rejection => Color.Error,
        MtaEventType.Reception => Color.Info,
        _ => Color.Default,
    };
}
