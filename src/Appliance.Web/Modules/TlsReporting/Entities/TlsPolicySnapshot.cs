namespace Appliance.Web.Modules.TlsReporting.Entities;

/// <summary>The MTA-STS policy applied to a policy domain on a UTC day (the report's policy-string and mx-host).</summary>
public sealed class TlsPolicySnapshot
{
    public long Id { get; set; }

    public required string Day { get; set; }

    public required string PolicyDomain { get; set; }

    /// <summary>The policy lines, newline-separated.</summary>
    public required string PolicyStrings { get; set; }

    /// <summary>The mx patterns, newline-separated.</summary>
    public required string MxHosts { get; set; }
}
