using Appliance.Mta.Delivery.MtaSts;

namespace Appliance.Mta.Tests.Delivery.MtaSts;

/// <summary>RFC 8461 §3.2 policy syntax and §4.1 MX pattern matching.</summary>
public sealed class MtaStsPolicyTests
{
    private static MtaStsPolicy Policy(params string[] mx) => new(MtaStsMode.Enforce, mx, TimeSpan.FromDays(1));

    [Theory]
    [InlineData("mail.example.com", "mail.example.com", true)]
    [InlineData("MAIL.Example.com.", "mail.example.com", true)]
    [InlineData("mail.example.com", "mail.example.com.", true)]
    [InlineData("*.example.net", "mx1.example.net", true)]
    [InlineData("*.example.net", "example.net", false)]
    [InlineData("*.example.net", "a.b.example.net", false)]
    [InlineData("mail.example.com", "mail2.example.com", false)]
    public void MxPatternMatching(string pattern, string host, bool matches) =>
        Assert.Equal(matches, Policy(pattern).MatchesMx(host));

    [Fact]
    public void CrlfAndUnknownFieldsAreAccepted()
    {
        var (policy, error) = MtaStsPolicyParser.Parse("version: STSv1\r\nmode: testing\r\nmx: a.example\r\nextension: x\r\nmax_age: 600");
        Assert.True(policy is not null, error);
        Assert.Equal(MtaStsMode.Testing, policy!.Mode);
        Assert.Equal(TimeSpan.FromSeconds(600), policy.MaxAge);
    }

    [Theory]
    [InlineData("mode: enforce\nmx: a.example\nmax_age: 1", "version")]
    [InlineData("version: STSv1\nmode: enforce\nmax_age: 1", "mx")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1", "max_age")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601", "max_age")]
    [InlineData("version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 1", "mode")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a..example\nmax_age: 1", "mx pattern")]
    public void InvalidPoliciesSayWhy(string body, string mentions)
    {
        var (policy, error) = MtaStsPolicyParser.Parse(body);
        Assert.Null(policy);
        Assert.Contains(mentions, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v=STSv1; id=20160831085700Z;", "20160831085700Z")]
    [InlineData("v=STSv1;id=abc", "abc")]
    [InlineData("v=STSv1; id=", null)]
    [InlineData("v=STSv1; id=has-dash", null)]
    [InlineData("id=1; v=STSv1", null)]
    public void TxtRecordValidity(string record, string? id) => Assert.Equal(id, MtaStsTxtRecord.TryParse(record)?.Id);
}
