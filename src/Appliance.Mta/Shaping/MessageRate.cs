using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Appliance.Mta.Shaping;

/// <summary>A message rate such as "20/s", "600/min" or "10000/h": <see cref="Count"/> messages per <see cref="Per"/>.</summary>
[JsonConverter(typeof(MessageRateJsonConverter))]
public sealed record MessageRate(int Count, TimeSpan Per)
{
    /// <summary>The even spacing between messages at this rate.</summary>
    public TimeSpan Interval => Per / Count;

    /// <summary>The rate in messages per second.</summary>
    public double PerSecond => Count / Per.TotalSeconds;

    /// <summary>The rate as written in rule files: "20/s", "600/min", "10000/h", "50000/day".</summary>
    public override string ToString() => $"{Count}/{Unit(Per)}";

    /// <summary>
    /// Parses "N/unit" with unit s, sec, second, m, min, minute, h, hr, hour, d or day (N a positive integer); false
    /// for anything else.
    /// </summary>
    public static bool TryParse(string? text, out MessageRate? rate)
    {
        rate = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var slash = text.IndexOf('/');
        if (slash <= 0 || !int.TryParse(text.AsSpan(0, slash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0) return false;
        TimeSpan? per = text[(slash + 1)..].Trim().ToLowerInvariant() switch
        {
            "s" or "sec" or "second" => TimeSpan.FromSeconds(1),
            "m" or "min" or "minute" => TimeSpan.FromMinutes(1),
            "h" or "hr" or "hour" => TimeSpan.FromHours(1),
            "d" or "day" => TimeSpan.FromDays(1),
            _ => null,
        };
        if (per is null) return false;
        rate = new MessageRate(count, per.Value);
        return true;
    }

    /// <summary>
    /// Parses like <see cref="TryParse"/>; throws <see cref="FormatException"/> naming the accepted forms when
    /// <paramref name="text"/> is not a rate.
    /// </summary>
    public static MessageRate Parse(string text) =>
        TryParse(text, out var rate) ? rate! : throw new FormatException($"'{text}' is not a rate; write it as N/s, N/min, N/h or N/day.");

    /// <summary>The slower of two rates (the first when equal).</summary>
    public static MessageRate Slowest(MessageRate a, MessageRate b) => a.PerSecond <= b.PerSecond ? a : b;

    private static string Unit(TimeSpan per) => per.TotalSeconds switch { 1 => "s", 60 => "min", 3600 => "h", 86400 => "day", _ => $"{per.TotalSeconds}s" };

    private sealed class MessageRateJsonConverter : JsonConverter<MessageRate>
    {
        public override MessageRate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return TryParse(text, out var rate) ? rate! : throw new JsonException($"'{text}' is not a rate; write it as N/s, N/min, N/h or N/day.");
        }

        public override void Write(Utf8JsonWriter writer, MessageRate value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
