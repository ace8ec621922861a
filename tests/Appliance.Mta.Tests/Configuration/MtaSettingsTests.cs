using Appliance.Mta.Configuration;

namespace Appliance.Mta.Tests.Configuration;

/// <summary>Settings are published snapshots: a publish swaps in a new, validated instance and tells the listeners.</summary>
public sealed class MtaSettingsTests
{
    private static MtaOptions Start() => new()
    {
        Hostname = "mx1.example.net",
        Smtp = new SmtpServerOptions { MaxMessageSize = 10_000_000, RelayHosts = ["127.0.0.0/8"] },
        Delivery = new DeliveryOptions { RetryInterval = TimeSpan.FromMinutes(20) },
    };

    [Fact]
    public void A_published_snapshot_never_changes_after_a_later_publish()
    {
        var settings = new MtaSettings(Start());
        var before = settings.Current;
        var smtpBefore = before.Smtp;
        var relayBefore = before.Smtp.RelayHosts;

        var errors = settings.TryPublish(o => o with
        {
            Hostname = "mx2.example.net",
            Smtp = o.Smtp with { MaxMessageSize = 2048, RelayHosts = ["10.0.0.0/8"] },
            Delivery = o.Delivery with { RetryInterval = TimeSpan.FromMinutes(1) },
        });

        Assert.Empty(errors);
        // The old snapshot is untouched: same nested instances, same values.
        Assert.Same(smtpBefore, before.Smtp);
        Assert.Same(relayBefore, before.Smtp.RelayHosts);
        Assert.Equal("mx1.example.net", before.Hostname);
        Assert.Equal(10_000_000, before.Smtp.MaxMessageSize);
        Assert.Equal(["127.0.0.0/8"], before.Smtp.RelayHosts);
        Assert.Equal(TimeSpan.FromMinutes(20), before.Delivery.RetryInterval);
        // The new one is another instance with the new values.
        var after = settings.Current;
        Assert.NotSame(before, after);
        Assert.NotSame(before.Smtp, after.Smtp);
        Assert.Equal("mx2.example.net", after.Hostname);
        Assert.Equal(2048, after.Smtp.MaxMessageSize);
        Assert.Equal(["10.0.0.0/8"], after.Smtp.RelayHosts);
        Assert.Equal(TimeSpan.FromMinutes(1), after.Delivery.RetryInterval);
    }

    [Fact]
    public void Listeners_get_the_previous_and_the_new_snapshot_after_Current_already_returns_the_new_one()
    {
        var settings = new MtaSettings(Start());
        var first = settings.Current;
        var seen = new List<(MtaOptions Previous, MtaOptions Current, MtaOptions CurrentDuringCall)>();
        using var subscription = settings.OnChange((p, c) => seen.Add((p, c, settings.Current)));

        settings.TryPublish(o => o with { Hostname = "mx2.example.net" });

        var call = Assert.Single(seen);
        Assert.Same(first, call.Previous);
        Assert.Equal("mx2.example.net", call.Current.Hostname);
        Assert.Same(call.Current, call.CurrentDuringCall);
    }

    [Fact]
    public void A_disposed_listener_is_not_called_again()
    {
        var settings = new MtaSettings(Start());
        var calls = 0;
        var subscription = settings.OnChange((_, _) => calls++);
        settings.TryPublish(o => o with { Hostname = "a.example.net" });

        subscription.Dispose();
        settings.TryPublish(o => o with { Hostname = "b.example.net" });

        Assert.Equal(1, calls);
    }

    [Fact]
    public void An_invalid_change_is_refused_whole_with_each_bad_key_named_and_nothing_is_published()
    {
        var settings = new MtaSettings(Start());
        var before = settings.Current;
        var calls = 0;
        using var subscription = settings.OnChange((_, _) => calls++);

        var errors = settings.TryPublish(o => o with
        {
            Hostname = "mx2.example.net", // valid, but part of a refused change
            Smtp = o.Smtp with { MaxMessageSize = 10, RelayHosts = ["10.0.0.0/33"] },
        });

        Assert.Equal(["Appliance:Smtp:RelayHosts", "Appliance:Smtp:MaxMessageSize"], errors.Select(e => e.Key));
        Assert.Same(before, settings.Current);
        Assert.Equal("mx1.example.net", settings.Current.Hostname);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void An_unchanged_result_publishes_nothing()
    {
        var settings = new MtaSettings(Start());
        var before = settings.Current;
        var calls = 0;
        using var subscription = settings.OnChange((_, _) => calls++);

        Assert.Empty(settings.TryPublish(o => o with { Hostname = o.Hostname }));

        Assert.Same(before, settings.Current);
        Assert.Equal(0, calls);
    }
}
