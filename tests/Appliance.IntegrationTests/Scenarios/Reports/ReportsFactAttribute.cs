using Appliance.IntegrationTests.Infrastructure;

namespace Appliance.IntegrationTests.Scenarios.Reports;

/// <summary>An integration fact that also needs dovecot and the report corpora; skips with the reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReportsFactAttribute : FactAttribute
{
    public ReportsFactAttribute()
    {
        if ((ToolPaths.MissingReason(ReportsEnvironment.Requires) ?? DovecotImapServer.MissingReason ?? ReportFiles.MissingReason) is { } reason) Skip = reason;
    }
}
