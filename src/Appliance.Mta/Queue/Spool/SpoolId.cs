using System.Globalization;

namespace Appliance.Mta.Queue.Spool;

/// <summary>
/// A time-ordered message id (KumoMTA SpoolId idea): Unix milliseconds in the high 44 bits and a
/// 20-bit sequence below, so ids sort by arrival and stay unique across restarts.
/// Shown as 16 hex digits: it is the queue id in the 250 reply and in events.
/// </summary>
public readonly record struct SpoolId(long Value) : IComparable<SpoolId>
{
    /// <summary>
    /// The id as 16 lower-case hex digits, the queue id shown in 250 replies, events and the admin UI.
    /// </summary>
    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Orders ids by value, which is arrival order.</summary>
    public int CompareTo(SpoolId other) => Value.CompareTo(other.Value);

    /// <summary>When the id was made (millisecond precision): the message's reception time.</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(Value >> 20);

    /// <summary>Parses the 16-hex-digit form; false for anything else (null, wrong length, not hex).</summary>
    public static bool TryParse(string? text, out SpoolId id)
    {
        id = default;
        if (text is not { Length: 16 } || !long.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)) return false;
        id = new SpoolId(v);
        return true;
    }
}
