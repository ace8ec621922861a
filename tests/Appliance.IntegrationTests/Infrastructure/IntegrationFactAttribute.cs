namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// A <see cref="FactAttribute"/> that skips, with the reason, when a required external
/// peer (swaks, dnsmasq, aiosmtpd) is not installed. <c>.ci/run</c> installs them all,
/// so in CI every scenario runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IntegrationFactAttribute : FactAttribute
{
    /// <summary>Declares the peers the scenario needs.</summary>
    public IntegrationFactAttribute(Tool requires)
    {
        Requires = requires;
        if (ToolPaths.MissingReason(requires) is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>The peers this scenario needs.</summary>
    public Tool Requires { get; }

    /// <summary>
    /// Why the scenario is about SQLite only (the database file itself): set, it skips with that reason on
    /// PostgreSQL runs (APPLIANCE_TEST_DB_PROVIDER=postgresql, tests/Shared/TestDatabase.cs).
    /// </summary>
    public string? SqliteOnly
    {
        get;
        init
        {
            field = value;
            if (Skip is null && value is not null && TestDatabase.SqliteOnly(value) is { } skip)
            {
                Skip = skip;
            }
        }
    }
}
