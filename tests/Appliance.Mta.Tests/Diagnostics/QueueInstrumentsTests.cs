using Appliance.Mta.Admin;
using Appliance.Mta.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Diagnostics;

public sealed class QueueInstrumentsTests
{
    [Fact]
    public void The_deepest_queues_are_named_and_the_rest_summed_as_other()
    {
        QueueGaugeSample[] samples = [new("a", 1, 10), new("b", 9, 5), new("c", 4, 50), new("d", 2, 7)];

        var top = QueueInstruments.TopWithOther(samples, 2);

        Assert.Equal([new("b", 9, 5), new("c", 4, 50), new QueueGaugeSample("other", 3, 10)], top);
    }

    [Fact]
    public void Scheduled_gauges_report_depth_and_oldest_age_per_queue()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var summary = new QueueSummary(
            [new ScheduledQueueInfo("acme@example.net", "acme", null, "example.net", 3, 4, time.GetUtcNow().AddSeconds(-90), null, false, null)],
            [], new Dictionary<string, int>(), 3);
        using var instruments = new QueueInstruments(() => summary, () => [new QueueGaugeSample("default->mx.example.net", 2, 12)], time);
        using var recorder = new MeasurementRecorder(instruments.Meter);

        recorder.Observe();

        Assert.Equal(3, recorder.Sum("queue.scheduled.depth", t => t["queue"] == "acme@example.net"));
        Assert.Equal(90, recorder.Sum("queue.scheduled.oldest_age", t => t["queue"] == "acme@example.net"));
        Assert.Equal(2, recorder.Sum("queue.ready.depth", t => t["queue"] == "default->mx.example.net"));
        Assert.Equal(12, recorder.Sum("queue.ready.oldest_age"));
    }
}
