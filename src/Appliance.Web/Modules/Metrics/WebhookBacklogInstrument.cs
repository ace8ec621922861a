using System.Diagnostics.Metrics;
using Appliance.Mta.Diagnostics;
using Appliance.Web.Modules.Webhooks.Delivery;

namespace Appliance.Web.Modules.Metrics;

/// <summary>The observable gauge "webhooks.backlog": webhook events queued and not yet delivered (all endpoints).</summary>
public sealed class WebhookBacklogInstrument : IObservableInstruments, IDisposable
{
    private readonly Meter _meter = new(MtaMetrics.MeterName);

    public WebhookBacklogInstrument(WebhookDispatcher dispatcher)
    {
        _meter.CreateObservableGauge("webhooks.backlog", () => Read(dispatcher), "{event}", "Webhook events queued for delivery");
    }

    private static IEnumerable<Measurement<long>> Read(WebhookDispatcher dispatcher)
    {
        long backlog;
        try
        {
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
