namespace Appliance.Mta.Suppression;

/// <summary>Deliveries and complaints in hourly buckets over a sliding window of <see cref="Hours"/> hours (a ring of buckets).</summary>
internal sealed class ComplaintWindow
{
    public const int Hours = 24;

    private readonly Lock _gate = new();
    private readonly long[] _hour = new long[Hours];
    private readonly long[] _deliveries = new long[Hours];
    private readonly long[] _complaints = new long[Hours];

    public void Add(long hour, bool complaint)
    {
        var i = (int)(hour % Hours);
        lock (_gate)
        {
            if (_hour[i] != hour)
            {
                _hour[i] = hour;
                _deliveries[i] = 0;
                _complaints[i] = 0;
            }
            if (complaint) _complaints[i]++;
            else _deliveries[i]++;
        }
    }

    /// <summary>The (complaints, deliveries) of the buckets less than <see cref="Hours"/> hours before <paramref name="now"/>.</summary>
    public (long Complaints, long Deliveries) Sum(long now)
    {
        long d = 0, c = 0;
        lock (_gate)
        {
            for (var i = 0; i < Hours; i++)
            {
                if (now - _hour[i] >= Hours) continue;
                d += _deliveries[i];
                c += _complaints[i];
            }
        }
        return (c, d);
    }
}
