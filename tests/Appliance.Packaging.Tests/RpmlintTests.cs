namespace Appliance.Packaging.Tests;

/// <summary>rpmlint reports nothing on the rpm beyond the deliberate, justified filters in packaging/rpm/appliance.rpmlintrc.</summary>
[Collection(PackagingCollection.Name)]
public sealed class RpmlintTests(PackagesFixture packages)
{
    [PackagingFact("rpmlint")]
    public void Rpm_has_no_rpmlint_errors_or_warnings()
    {
        var rc = Path.Combine(PackagesFixture.RepoRoot, "packaging", "rpm", "appliance.rpmlintrc");
        var r = Tool.Run("rpmlint", ["-r", rc, packages.Rpm], TimeSpan.FromMinutes(4));
        Assert.True(r.ExitCode == 0, $"rpmlint exit {r.ExitCode}:\n{r.Output}");
        Assert.Contains("0 errors, 0 warnings", r.Stdout);
    }
}
