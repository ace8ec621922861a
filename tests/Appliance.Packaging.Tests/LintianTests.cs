namespace Appliance.Packaging.Tests;

/// <summary>lintian reports no errors on the deb (the few justified overrides ship in the package).</summary>
[Collection(PackagingCollection.Name)]
public sealed class LintianTests(PackagesFixture packages)
{
    [PackagingFact("lintian")]
    public void Deb_has_no_lintian_errors_or_warnings()
    {
        var r = Tool.Run("lintian", ["--fail-on", "error,warning", packages.Deb], TimeSpan.FromMinutes(4));
        Assert.True(r.ExitCode == 0, $"lintian exit {r.ExitCode}:\n{r.Output}");
        Assert.DoesNotMatch(@"(?m)^[EW]: ", r.Stdout);
    }
}
