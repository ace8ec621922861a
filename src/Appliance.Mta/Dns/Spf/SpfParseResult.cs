namespace Appliance.Mta.Dns.Spf;

/// <summary>Either a record or the syntax error that makes it a permerror (RFC 7208 §4.6).</summary>
public sealed record SpfParseResult(SpfRecord? Record, string? Error)
{
    /// <summary>True when the text parsed to a record.</summary>
    public bool IsValid => Record is not null;

    /// <summary>A record that parsed.</summary>
    public static SpfParseResult Ok(SpfRecord record) => new(record, null);

    /// <summary>Text that is not a valid record: check_host() gives permerror with <paramref name="error"/>.</summary>
    public static SpfParseResult Invalid(string error) => new(null, error);
}
