namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>A fact that needs Debian's chromium; skipped with the reason when it is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath)) Skip = $"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium) to run browser tests.";
    }

    /// <summary>Why the test is about SQLite only (e.g. a host that must run on the defaults): set, it skips with that reason on PostgreSQL runs.</summary>
    public string? SqliteOnly
    {
        get;
        init
        {
            field = value;
            if (Skip is null && value is not null && TestDatabase.SqliteOnly(value) is { } skip) Skip = skip;
        }
    }
}
