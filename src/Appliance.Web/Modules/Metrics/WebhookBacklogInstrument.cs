using System.Diagnostics.Metrics;
using Appliance.Mta.Diagnostics;
using Appliance.Web.Modules.Webhooks.Delivery;

namespace Appliance.Web.Modules.Metrics;

/// <summary>The observable gauge "webhooks.backlog": webhook events queued and not yet delivered (all endpoints).</summary>
public sealed class WebhookBacklogInstrument : IDisposable
{
    private readonly Meter _meter = new(MtaMetrics.MeterName);

    public WebhookBacklogInstrument(IServiceProvider services)
    {
        _meter.CreateObservableGauge("webhooks.backlog", () => Read(services), "{event}", "Webhook events queued for delivery");
    }

    private static IEnumerable<Measurement<long>> Read(IServiceProvider services)
    {
        long backlog;
        try
        {
            if (services.GetService<WebhookDispatcher>() is not { } dispatcher) yield break;
            backlog = dispatcher.Backlog;
        }
        catch (ObjectDisposedException)
        {
            yield break; // the host is shutting down
        }
        yield return new Measurement<long>(backlog);
    }

    public void Dispose() => _meter.Dispose();
}
