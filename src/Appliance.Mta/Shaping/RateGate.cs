namespace Appliance.Mta.Shaping;

/// <summary>
/// Spaces messages evenly at a rate (GCRA / virtual scheduling): each send reserves the next slot, and the caller waits
/// until its slot. Shared by every connection of a ready queue, so the rate holds across connections. No bursts: a
/// provider sees the steady pace its guidance asks for.
/// </summary>
public sealed class RateGate
{
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    /// <summary>Reserves a slot at <paramref name="rate"/>; returns how long to wait before sending (zero when free now).</summary>
    public TimeSpan Reserve(MessageRate? rate, DateTimeOffset now)
    {
        if (rate is null) return TimeSpan.Zero;
        lock (_lock)
        {
            var slot = _next > now ? _next : now;
            _next = slot + rate.Interval;
            return slot - now;
        }
    }
}
