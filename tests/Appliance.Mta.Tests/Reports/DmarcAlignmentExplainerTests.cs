using Appliance.Mta.Reports.Dmarc;

namespace Appliance.Mta.Tests.Reports;

/// <summary>Alignment failure reasons: missing, failing and unaligned results for DKIM and SPF, and overrides.</summary>
public sealed class DmarcAlignmentExplainerTests
{
    private static readonly DmarcPolicyPublished Policy = new() { Domain = "example.com", P = "none" };

    [Fact]
    public void Unaligned_passes_and_overrides_are_named()
    {
        var record = new DmarcRecord
        {
            SourceIp = "192.0.2.1", Count = 3, Dkim = "fail", Spf = "fail", HeaderFrom = "example.com",
            DkimResults = [new DmarcAuthResult("esp.example", "s1", null, "pass")],
            SpfResults = [new DmarcAuthResult("bounce.esp.example", null, "mfrom", "pass")],
            Reasons = [new DmarcPolicyOverride("forwarded", "list")],
        };
        Assert.Equal(
            ["DKIM: d=esp.example passed but is not aligned with example.com", "SPF: bounce.esp.example passed but is not aligned with example.com", "override: forwarded (list)"],
            DmarcAlignmentExplainer.Explain(record, Policy));
    }

    [Fact]
    public void Missing_and_failing_results_are_named_and_a_pass_has_no_reasons()
    {
        var failing = new DmarcRecord { SourceIp = "192.0.2.1", Count = 1, Dkim = "fail", Spf = "fail", SpfResults = [new DmarcAuthResult("example.com", null, "mfrom", "softfail")] };
        Assert.Equal(["DKIM: no signature", "SPF: example.com softfail"], DmarcAlignmentExplainer.Explain(failing, Policy));
        Assert.Empty(DmarcAlignmentExplainer.Explain(failing with { Dkim = "pass" }, Policy));
    }
}
