using System.Diagnostics.Metrics;
using Appliance.Mta.Diagnostics;
using Appliance.Mta.Events;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Diagnostics;

public sealed class MtaMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 30, TimeSpan.Zero);

    private sealed class RecordingSink : IEventSink
    {
        public List<MtaEvent> Events { get; } = [];

        public void Write(MtaEvent e) => Events.Add(e);
    }

    private static MtaEvent Event(MtaEventType type, DateTimeOffset at) => new() { Type = type, Timestamp = at, MessageId = "m1" };

    [Fact]
    public void Sink_counts_each_type_in_its_minute_and_forwards_every_event()
    {
        var time = new FakeTimeProvider(Start);
        using var metrics = new MtaMetrics(time);
        var inner = new RecordingSink();
        var sink = new MetricsEventSink(inner, metrics);

        sink.Write(Event(MtaEventType.Reception, Start));
        sink.Write(Event(MtaEventType.Reception, Start));
        sink.Write(Event(MtaEventType.Delivery, Start));
        sink.Write(Event(MtaEventType.TransientFailure, Start.AddMinutes(-1)));
        sink.Write(Event(MtaEventType.Bounce, Start));
        sink.Write(Event(MtaEventType.Expiration, Start));
        sink.Write(Event(MtaEventType.AdminAction, Start));

        Assert.Equal(7, inner.Events.Count);
        var minutes = metrics.GetMinutes(2);
        Assert.Equal(2, minutes.Count);
        Assert.Equal(new MetricsMinute(new DateTimeOffset(2026, 11, 29, 11, 59, 0, TimeSpan.Zero), 0, 0, 1, 0, 0), minutes[0]);
        Assert.Equal(new MetricsMinute(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero), 2, 1, 0, 1, 1), minutes[1]);
        var totals = metrics.GetTotals();
        Assert.Equal((2, 1, 1, 1, 1), (totals.Accepted, totals.Delivered, totals.Deferred, totals.Bounced, totals.Expired));
    }

    [Fact]
    public void A_bucket_is_reused_a_day_later_without_the_old_counts()
    {
        var time = new FakeTimeProvider(Start);
        using var metrics = new MtaMetrics(time);
        metrics.Record(MtaEventType.Delivery, Start);
        metrics.Record(MtaEventType.Delivery, Start);

        time.Advance(TimeSpan.FromDays(1));
        metrics.Record(MtaEventType.Delivery, time.GetUtcNow());

        var minutes = metrics.GetMinutes(MtaMetrics.RingMinutes);
        Assert.Equal(MtaMetrics.RingMinutes, minutes.Count);
        Assert.Equal(1, minutes.Sum(m => m.Delivered));
        Assert.Equal(1, minutes[^1].Delivered);
        Assert.Equal(3, metrics.GetTotals().Delivered);
    }

    [Fact]
    public void Minutes_without_events_are_zero_filled_and_ordered_oldest_first()
    {
        var time = new FakeTimeProvider(Start);
        using var metrics = new MtaMetrics(time);
        metrics.Record(MtaEventType.Reception, Start.AddMinutes(-30));

        var hour = metrics.GetMinutes(60);

        Assert.Equal(60, hour.Count);
        Assert.True(hour.Zip(hour.Skip(1)).All(p => p.Second.Minute - p.First.Minute == TimeSpan.FromMinutes(1)));
        Assert.Equal(1, hour[29].Accepted);
        Assert.Equal(1, hour.Sum(m => m.Accepted));
    }

    [Fact]
    public void Counters_and_gauges_are_published_on_the_meter()
    {
        var time = new FakeTimeProvider(Start);
        using var metrics = new MtaMetrics(time, () => new MtaGaugeValues(5, 2, 3));
        var measured = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, value, _, _) => measured[i.Name] = measured.GetValueOrDefault(i.Name) + value);
        listener.SetMeasurementEventCallback<int>((i, value, _, _) => measured[i.Name] = value);
        listener.Start();

        metrics.Record(MtaEventType.Bounce, Start);
        metrics.Record(MtaEventType.Bounce, Start);
        listener.RecordObservableInstruments();

        Assert.Equal(2, measured["mta.messages.bounced"]);
        Assert.Equal(5, measured["mta.queue.depth"]);
        Assert.Equal(2, measured["mta.connections.inbound"]);
        Assert.Equal(3, measured["mta.connections.outbound"]);
        Assert.Equal(new MtaGaugeValues(5, 2, 3), metrics.Snapshot(60).Gauges);
    }
}
