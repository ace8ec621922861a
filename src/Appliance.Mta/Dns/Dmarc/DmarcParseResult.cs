namespace Appliance.Mta.Dns.Dmarc;

/// <summary>The record, or the syntax errors that make it invalid; warnings (unknown tags, ...) in both cases.</summary>
public sealed record DmarcParseResult(DmarcRecord? Record, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Record is not null;
}
