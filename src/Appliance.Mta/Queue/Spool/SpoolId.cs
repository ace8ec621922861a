using System.Globalization;

namespace Appliance.Mta.Queue.Spool;

/// <summary>
/// A time-ordered message id (KumoMTA SpoolId idea): Unix milliseconds in the high 44 bits and a
/// 20-bit sequence below, so ids sort by arrival and stay unique across restarts.
/// Shown as 16 hex digits: it is the queue id in the 250 reply and in events.
/// </summary>
public readonly record struct SpoolId(long Value) : IComparable<SpoolId>
{
    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture);

    public int CompareTo(SpoolId other) => Value.CompareTo(other.Value);

    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(Value >> 20);

    public static bool TryParse(string? text, out SpoolId id)
    {
        id = default;
        if (text is not { Length: 16 } || !long.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)) return false;
        id = new SpoolId(v);
        return true;
    }
}
