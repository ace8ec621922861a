using Appliance.Mta.Events;

namespace Appliance.Web.Modules.Webhooks.Delivery;

/// <summary>Hands every engine event to the webhook dispatcher's in-memory buffer; never blocks.</summary>
public sealed class WebhookEventListener(WebhookDispatcher dispatcher) : IEventListener
{
    public void OnEvent(MtaEvent e) => dispatcher.Enqueue(e);
}
