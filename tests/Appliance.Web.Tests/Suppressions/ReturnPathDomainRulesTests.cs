using Appliance.Web.Modules.Suppressions;

namespace Appliance.Web.Tests.Suppressions;

public sealed class ReturnPathDomainRulesTests
{
    private static readonly SendingDomainOwner[] Sending =
    [
        new("example.com", "a"),
        new("shop.example.co.uk", "a"),
        new("sub.example.com", "b"),
        new("other.example", "b"),
    ];

    private static readonly Dictionary<string, string> Claimed = new() { ["bounces.other.example"] = "b" };

    [Theory]
    [InlineData("example.com")]
    [InlineData("bounces.example.com")]
    [InlineData("rp.shop.example.co.uk")]
    public void Own_sending_domains_and_their_subdomains_are_allowed(string domain) =>
        Assert.Null(ReturnPathDomainRules.Check(domain, "a", Sending, Claimed));

    [Theory]
    [InlineData("gmail.com", ReturnPathDomainRules.OwnSendingDomain)]
    [InlineData("example.net", ReturnPathDomainRules.OwnSendingDomain)]
    [InlineData("notexample.com", ReturnPathDomainRules.OwnSendingDomain)]
    [InlineData("com", ReturnPathDomainRules.PublicSuffix)]
    [InlineData("co.uk", ReturnPathDomainRules.PublicSuffix)]
    [InlineData("other.example", ReturnPathDomainRules.OtherTenant)]
    [InlineData("bounces.other.example", ReturnPathDomainRules.OtherTenant)]
    [InlineData("sub.example.com", ReturnPathDomainRules.OtherTenant)] // under a's example.com, but b's sub.example.com is more specific
    [InlineData("rp.sub.example.com", ReturnPathDomainRules.OtherTenant)]
    public void Refusals_name_their_rule(string domain, string rule)
    {
        var refusal = ReturnPathDomainRules.Check(domain, "a", Sending, Claimed);
        Assert.NotNull(refusal);
        Assert.StartsWith($"Rule {rule}:", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_tenants_return_path_domain_is_refused_even_under_an_own_sending_domain()
    {
        var claimed = new Dictionary<string, string> { ["bounces.example.com"] = "b" };
        Assert.StartsWith($"Rule {ReturnPathDomainRules.OtherTenant}:", ReturnPathDomainRules.Check("bounces.example.com", "a", Sending, claimed), StringComparison.Ordinal);
        Assert.Null(ReturnPathDomainRules.Check("bounces.example.com", "b", [new("example.com", "b")], claimed));
    }
}
