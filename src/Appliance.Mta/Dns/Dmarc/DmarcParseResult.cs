namespace Appliance.Mta.Dns.Dmarc;

/// <summary>The record, or the syntax errors that make it invalid; warnings (unknown tags, ...) in both cases.</summary>
public sealed record DmarcParseResult(DmarcRecord? Record, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>True when the text is a DMARC record (<see cref="DmarcParseResult.Errors"/> is then empty).</summary>
    public bool IsValid => Record is not null;
}
