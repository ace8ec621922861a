namespace Appliance.Mta.Suppression;

/// <summary>Deliveries and complaints in hourly buckets over a sliding window of <see cref="Hours"/> hours (a ring of buckets).</summary>
internal sealed class ComplaintWindow
{
    public const int Hours = 24;

    private readonly Lock _gate = new();
    private readonly long[] _hour = new long[Hours];
    private readonly long[] _deliveries = new long[Hours];
    private readonly long[] _complaints = new long[Hours];

    public void Add(long hour, bool complaint) => Add(hour, complaint ? 0 : 1, complaint ? 1 : 0);

    /// <summary>Adds counts to the bucket of <paramref name="hour"/> (restoring a saved window adds them back).</summary>
    public void Add(long hour, long deliveries, long complaints)
    {
        var i = (int)(hour % Hours);
        lock (_gate)
        {
            if (_hour[i] != hour)
            {
                if (_hour[i] > hour) return; // older than what the ring holds for that slot
                _hour[i] = hour;
                _deliveries[i] = 0;
                _complaints[i] = 0;
            }
            _deliveries[i] += deliveries;
            _complaints[i] += complaints;
        }
    }

    /// <summary>The non-empty buckets still inside the window at <paramref name="now"/>.</summary>
    public List<ComplaintBucket> Buckets(long now)
    {
        var list = new List<ComplaintBucket>();
        lock (_gate)
        {
            for (var i = 0; i < Hours; i++)
                if (now - _hour[i] < Hours && (_deliveries[i] > 0 || _complaints[i] > 0))
                    list.Add(new ComplaintBucket(_hour[i], _deliveries[i], _complaints[i]));
        }
        return list;
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
