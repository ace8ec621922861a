using Appliance.Mta.Events;
using Appliance.Mta.Tests.Shaping;
using Appliance.Mta.Tests.Smtp.Client;

namespace Appliance.Mta.Tests.Delivery;

/// <summary>The delivery client timeouts are read from the settings snapshot in force at each connection, not frozen at start.</summary>
[Collection("shaping-sockets")]
public sealed class DeliveryTimeoutSettingsTests
{
    [AiosmtpdFact]
    public async Task A_published_final_dot_timeout_applies_to_the_next_connection_of_the_running_dispatcher()
    {
        await using var h = await ShapingHarness.StartAsync(); // Delivery:DataTimeout is 10 min at start (RFC 5321 §4.5.3.2.6)

        Assert.Empty(h.Settings.TryPublish(o => o with { Delivery = o.Delivery with { DataTimeout = TimeSpan.FromMilliseconds(500) } }));
        await h.SendAsync("s@src.test", "stall@gmail.test"); // the peer takes the message and never answers the final dot

        for (var i = 0; i < 300 && !h.Events.Events.Any(e => e.Type == MtaEventType.TransientFailure); i++) await Task.Delay(50);
        Assert.Contains(h.Events.Events, e => e.Type == MtaEventType.TransientFailure && e.Recipient == "stall@gmail.test");
        Assert.DoesNotContain(h.Events.Events, e => e.Type == MtaEventType.Delivery);
    }
}
