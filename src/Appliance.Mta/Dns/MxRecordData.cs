namespace Appliance.Mta.Dns;

/// <summary>One MX record (RFC 1035 §3.3.9). <see cref="Exchange"/> has no trailing dot; "." stays "." (RFC 7505 null MX).</summary>
public sealed record MxRecordData(string Exchange, int Preference)
{
    /// <summary>RFC 7505 §3: a null MX is a single MX with preference 0 and the root as exchange.</summary>
    public bool IsNullMx => Exchange is "." or "";
}
