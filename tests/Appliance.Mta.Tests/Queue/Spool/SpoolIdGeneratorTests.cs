using Appliance.Mta.Queue.Spool;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Mta.Tests.Queue.Spool;

public sealed class SpoolIdGeneratorTests
{
    [Fact]
    public void Ids_increase_even_when_the_clock_stands_still_or_steps_back()
    {
        var time = new SettableTime { Now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var ids = new SpoolIdGenerator(time);
        var a = ids.Next();
        var b = ids.Next();
        time.Now = time.Now.AddHours(-1);
        var c = ids.Next();
        Assert.True(a.CompareTo(b) < 0 && b.CompareTo(c) < 0);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), a.Timestamp);
    }

    [Fact]
    public void Observed_recovered_id_is_never_reissued()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ids = new SpoolIdGenerator(time);
        var future = new SpoolId((time.GetUtcNow().AddDays(1).ToUnixTimeMilliseconds() << 20) + 5);
        ids.Observe(future);
        Assert.True(ids.Next().CompareTo(future) > 0);
    }

    [Fact]
    public void Text_form_round_trips()
    {
        var id = new SpoolId(0x0123456789abcdef);
        Assert.True(SpoolId.TryParse(id.ToString(), out var parsed));
        Assert.Equal(id, parsed);
        Assert.False(SpoolId.TryParse("xyz", out _));
    }

    private sealed class SettableTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
