using Appliance.Web.Modules.Webhooks.Queue;

namespace Appliance.Web.Modules.Webhooks.Delivery;

/// <summary>What the endpoint workers share with the dispatcher.</summary>
internal sealed record WebhookDispatcherContext(
    WebhookQueueStore Store,
    WebhookSender Sender,
    WebhookDeliveryLog DeliveryLog,
    WebhookEndpointHealth Health,
    WebhookOptions Options,
    TimeProvider Time,
    ILogger Logger,
    Action<string> OnDisabled);
