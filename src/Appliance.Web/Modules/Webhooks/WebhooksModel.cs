using Appliance.Web.Data;

namespace Appliance.Web.Modules.Webhooks;

/// <summary>Webhook endpoints and their delivery log (the queued events live in their own file, see WebhookQueueStore).</summary>
public sealed class WebhooksModel : ModuleModel;
