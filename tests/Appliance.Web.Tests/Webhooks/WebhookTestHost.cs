using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Appliance.Mta.Events;
using Appliance.Web.Modules.Webhooks.Delivery;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.Webhooks;

/// <summary>
/// The real host (ApplianceFactory) with webhook settings, optionally a FakeTimeProvider, an event recorder, and a
/// loopback receiver. The data folder may be shared by two hosts in a row (restart tests).
/// </summary>
public sealed class WebhookTestHost : IAsyncDisposable
{
    private readonly bool _ownsReceiver;

    private WebhookTestHost(ApplianceFactory factory, LoopbackWebhookReceiver receiver, bool ownsReceiver, RecordingEventListener recorder, FakeTimeProvider? time)
    {
        Factory = factory;
        Receiver = receiver;
        _ownsReceiver = ownsReceiver;
        Recorder = recorder;
        Time = time;
        Admin = factory.CreateAdminClient();
    }

    public ApplianceFactory Factory { get; }

    public LoopbackWebhookReceiver Receiver { get; }

    public RecordingEventListener Recorder { get; }

    public FakeTimeProvider? Time { get; }

    public HttpClient Admin { get; }

    public WebhookDispatcher Dispatcher => Factory.Services.GetRequiredService<WebhookDispatcher>();

    /// <summary>Starts a host; <paramref name="webhookSettings"/> are keys under Appliance:Webhooks (or full "Appliance:..." keys).</summary>
    public static async Task<WebhookTestHost> StartAsync(
        Dictionary<string, string?> webhookSettings, FakeTimeProvider? time = null, string? dataDir = null, LoopbackWebhookReceiver? receiver = null)
    {
        var settings = webhookSettings.ToDictionary(kv => kv.Key.StartsWith("Appliance:", StringComparison.Ordinal) ? kv.Key : "Appliance:Webhooks:" + kv.Key, kv => kv.Value);
        // The outbound HTTP guard refuses loopback unless allowed; the receiver lives on 127.0.0.1.
        settings.TryAdd("Appliance:OutboundHttp:AllowedNetworks:0", "127.0.0.0/8");
        settings.TryAdd("Appliance:OutboundHttp:AllowedNetworks:1", "::1/128");
        var recorder = new RecordingEventListener();
        var factory = new ConfiguredFactory(settings, dataDir, s =>
        {
            s.AddSingleton<IEventListener>(recorder);
            if (time is not null) s.AddSingleton<TimeProvider>(time);
        });
        var owns = receiver is null;
        receiver ??= await LoopbackWebhookReceiver.StartAsync();
        return new WebhookTestHost(factory, receiver, owns, recorder, time);
    }

    /// <summary>Creates an endpoint through the API; returns its id and its secret.</summary>
    public async Task<(string Id, string Secret)> CreateEndpointAsync(string tenant, params string[] types)
    {
        var response = await Admin.PostAsJsonAsync($"/api/v1/tenants/{tenant}/webhooks", new { url = Receiver.Url, eventTypes = types });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.ReadJsonAsync();
        return (json.GetProperty("id").GetString()!, json.GetProperty("secret").GetString()!);
    }

    public async Task<JsonElement> GetEndpointAsync(string id) => await (await Admin.GetAsync($"/api/v1/webhooks/{id}")).ReadJsonAsync();

    /// <summary>Writes an event through the engine's sink (event log, then the listeners).</summary>
    public void Emit(MtaEventType type, string tenant, string messageId, DateTimeOffset? at = null) =>
        Factory.Services.GetRequiredService<IEventSink>().Write(new MtaEvent
        {
            Type = type, Timestamp = at ?? (Time ?? TimeProvider.System).GetUtcNow(), Tenant = tenant, MessageId = messageId, Recipient = "rcpt@example.net",
        });

    /// <summary>Polls until <paramref name="condition"/> holds (up to 20 s of real time), then asserts it.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 400 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), "Timed out waiting until " + what);
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 400 && !await condition(); i++) await Task.Delay(50);
        Assert.True(await condition(), "Timed out waiting until " + what);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Factory.Dispose();
        if (_ownsReceiver) await Receiver.DisposeAsync();
    }

    private sealed class ConfiguredFactory : ApplianceFactory
    {
        public ConfiguredFactory(Dictionary<string, string?> settings, string? dataDir, Action<IServiceCollection> configure) : base(dataDir, settings) =>
            ConfigureServicesForTest = configure;
    }
}
