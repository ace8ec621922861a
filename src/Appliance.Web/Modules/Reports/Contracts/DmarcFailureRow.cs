namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>Messages failing DMARC from one source with the same reasons (alignment failures).</summary>
public sealed record DmarcFailureRow(string Ip, bool Own, string HeaderFrom, long Messages, IReadOnlyList<string> Reasons);
