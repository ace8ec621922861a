namespace Appliance.Mta.Smtp;

/// <summary>RFC 3461 §4.3 RET parameter.</summary>
public enum DsnReturn
{
    /// <summary>No RET parameter: a DSN returns the headers only (RFC 3461 §4.3 leaves it to the MTA).</summary>
    Default = 0,
    /// <summary>RET=FULL: return the whole message (up to the DSN composer's size cap).</summary>
    Full = 1,
    /// <summary>RET=HDRS: return only the header section.</summary>
    Headers = 2,
}
