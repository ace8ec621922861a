namespace Appliance.Web.Tests.Reports;

/// <summary>A fact that skips, with the reason, when the report corpora are not on this machine.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReportsCorpusFactAttribute : FactAttribute
{
    public ReportsCorpusFactAttribute()
    {
        if (ReportsCorpus.Root is null) Skip = "report corpora not found: set APPLIANCE_CORPORA or place them at ../shared/corpora next to the repository";
    }
}
