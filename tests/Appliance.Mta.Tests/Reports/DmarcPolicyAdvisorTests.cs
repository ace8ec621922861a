using Appliance.Mta.Reports.Dmarc;

namespace Appliance.Mta.Tests.Reports;

/// <summary>The rollout steps none → quarantine (pct 10..100) → reject (pct 10..100), gated by days, volume and alignment.</summary>
public sealed class DmarcPolicyAdvisorTests
{
    private readonly DmarcPolicyAdvisor _advisor = new();

    [Theory]
    [InlineData("none", 100, "quarantine", 10)]
    [InlineData("quarantine", 10, "quarantine", 25)]
    [InlineData("quarantine", 50, "quarantine", 100)]
    [InlineData("quarantine", 100, "reject", 10)]
    [InlineData("reject", 25, "reject", 50)]
    [InlineData("reject", 50, "reject", 100)]
    public void Well_aligned_domains_advance_one_step(string p, int pct, string nextP, int nextPct)
    {
        var advice = _advisor.Advise(new DmarcPolicyEvidence(p, pct, 30, 10_000, 9_970));
        Assert.Equal("advance", advice.Kind);
        Assert.Equal(nextP, advice.NextPolicy);
        Assert.Equal(nextPct, advice.NextPct);
    }

    [Fact]
    public void Advice_cites_the_numbers()
    {
        var advice = _advisor.Advise(new DmarcPolicyEvidence("none", 100, 30, 10_000, 9_970));
        Assert.StartsWith("p=none for 30 days, 99.7% aligned (9,970 of 10,000 messages): move to p=quarantine; pct=10", advice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Poor_alignment_holds_and_says_why()
    {
        var advice = _advisor.Advise(new DmarcPolicyEvidence("none", 100, 30, 1_000, 900));
        Assert.Equal("hold", advice.Kind);
        Assert.Contains("90.0% aligned", advice.Text, StringComparison.Ordinal);
        Assert.Null(advice.NextPolicy);
    }

    [Theory]
    [InlineData(3, 10_000)]
    [InlineData(30, 20)]
    public void Too_little_data_waits(int days, long messages) =>
        Assert.Equal("wait", _advisor.Advise(new DmarcPolicyEvidence("none", 100, days, messages, messages)).Kind);

    [Fact]
    public void Reject_at_full_percentage_is_done() =>
        Assert.Equal("done", _advisor.Advise(new DmarcPolicyEvidence("reject", 100, 30, 10_000, 10_000)).Kind);
}
