namespace Appliance.Mta.Dns.Spf;

/// <summary>Either a record or the syntax error that makes it a permerror (RFC 7208 §4.6).</summary>
public sealed record SpfParseResult(SpfRecord? Record, string? Error)
{
    public bool IsValid => Record is not null;

    public static SpfParseResult Ok(SpfRecord record) => new(record, null);

    public static SpfParseResult Invalid(string error) => new(null, error);
}
