namespace Appliance.Mta.Tests.Dns.Spf;

/// <summary>One openspf suite test: inputs, the acceptable results and the expected exp= text (null: not checked).</summary>
public sealed record SpfSuiteCase(
    string Name,
    string Host,
    string MailFrom,
    string Helo,
    IReadOnlyList<string> Results,
    string? Explanation,
    SpfZoneResolver Zone);
