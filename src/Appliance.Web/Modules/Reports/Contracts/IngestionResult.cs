namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>The outcome of ingesting one file or message: the reports in it and what could not be read.</summary>
public sealed record IngestionResult(IReadOnlyList<IngestedReport> Reports, IReadOnlyList<string> Errors)
{
    public int Stored => Reports.Count(r => r.Status == "stored");
}
