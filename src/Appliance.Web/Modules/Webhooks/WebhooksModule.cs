using Appliance.Web.Data;
using Appliance.Mta.Events;
using Appliance.Mta.Hosting;
using Appliance.Web.Data.Modules;
using Appliance.Web.Modules.Webhooks.Alerts;
using Appliance.Web.Modules.Webhooks.Api;
using Appliance.Web.Modules.Webhooks.Data;
using Appliance.Web.Modules.Webhooks.Delivery;
using Appliance.Web.Modules.Webhooks.Services;
using Appliance.Web.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Webhooks;

/// <summary>Registration of the webhooks module: its context, the dispatcher (hosted), the listener, the API.</summary>
public static class WebhooksModule
{
    public static IServiceCollection AddWebhooksModule(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section);
        services.AddHttpClient(WebhookSender.ClientName, (sp, client) =>
                client.Timeout = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                // Every connection through the outbound guard: no loopback, private or link-local receivers unless allowed.
                var handler = sp.GetRequiredService<Appliance.Mta.Http.OutboundHttpGuard>().CreateHandler();
                handler.ConnectTimeout = TimeSpan.FromSeconds(10);
                handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
                return handler;
            });
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliveryLog>();
        // Alerts through the engine's sink, resolved late: the sink's listeners include the webhook dispatcher's.
        services.AddSingleton(sp => new WebhookEndpointHealth(sp.GetRequiredService<IDbContextFactory<ApplianceDbContext>>(),
            e => sp.GetRequiredService<IEventSink>().Write(e), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WebhookEndpointHealth>>()));
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddKeyedSingleton<IEventListener, WebhookEventListener>(EnginePipeline.Webhooks);
        services.AddScoped<WebhookService>();
        // Admin notifications: every Alert (tenant or not) reaches system webhooks above; this mails them as a digest.
        services.AddOptions<AlertDigestOptions>().BindConfiguration(AlertDigestOptions.Section);
        services.AddSingleton<AlertDigestCollector>();
        services.AddKeyedSingleton<IEventListener>(EnginePipeline.AlertDigest, (sp, _) => sp.GetRequiredService<AlertDigestCollector>());
        services.AddSingleton<AlertDigestSender>();
        services.AddSingleton(sp =>
        {
            var interval = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AlertDigestOptions>>().Value.DigestInterval;
            return RecurringJob.For<AlertDigestJob>(AlertDigestJob.Key, interval, interval);
        });
        return services;
    }

    public static WebApplication MapWebhooksModule(this WebApplication app)
    {
        app.MapWebhooksEndpoints();
        return app;
    }
}
