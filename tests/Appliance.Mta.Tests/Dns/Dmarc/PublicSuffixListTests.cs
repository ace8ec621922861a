using System.Text.RegularExpressions;
using Appliance.Mta.Dns.Dmarc;
using Xunit.Abstractions;

namespace Appliance.Mta.Tests.Dns.Dmarc;

/// <summary>The Public Suffix List algorithm: the list's own test vectors against the system list, and the rule
/// kinds (wildcard, exception, implicit "*") on a small list so they hold whatever the list's version.</summary>
public sealed partial class PublicSuffixListTests(ITestOutputHelper output)
{
    [SystemPublicSuffixListFact]
    public void The_lists_own_test_vectors_pass_against_the_system_list()
    {
        var list = PublicSuffixList.Load(PublicSuffixList.SystemPath);
        var cases = File.ReadLines(SystemPublicSuffixListFactAttribute.TestVectors)
            .Where(l => l.StartsWith("checkPublicSuffix(", StringComparison.Ordinal))
            .Select(l => CheckLine().Match(l)).Where(m => m.Success)
            .Select(m => (Input: Value(m.Groups[1].Value), Expected: Value(m.Groups[2].Value))).ToList();
        var failures = cases.Where(c => Actual(list, c.Input) != c.Expected)
            .Select(c => $"{c.Input ?? "null"}: expected {c.Expected ?? "null"}, got {Actual(list, c.Input) ?? "null"}").ToList();
        output.WriteLine($"{cases.Count} vectors, {list.RuleCount} rules from {list.Source}; failures: {failures.Count}");
        foreach (var f in failures) output.WriteLine(f);
        Assert.True(cases.Count >= 70, $"only {cases.Count} vectors parsed");
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("a.b.example.com", "example.com")]
    [InlineData("com", null)]
    [InlineData("x.unlisted", "x.unlisted")] // the implicit "*" rule
    [InlineData("c.mm", null)] // *.mm
    [InlineData("b.c.mm", "b.c.mm")]
    [InlineData("www.ck", "www.ck")] // !www.ck beats *.ck
    [InlineData("a.www.ck", "www.ck")]
    [InlineData("b.test.ck", "b.test.ck")]
    [InlineData("city.kobe.jp", "city.kobe.jp")] // !city.kobe.jp beats *.kobe.jp
    [InlineData("c.kobe.jp", null)]
    [InlineData("a.b.c.kobe.jp", "b.c.kobe.jp")]
    [InlineData("user.github.io", "user.github.io")] // private section
    [InlineData("食狮.com.cn", "xn--85x722f.com.cn")] // IDN compared in punycode
    [InlineData(".example.com", null)]
    [InlineData("", null)]
    public void Rule_kinds(string domain, string? registrable)
    {
        var list = PublicSuffixList.Parse(["// comment", "com", "jp", "*.kobe.jp", "!city.kobe.jp", "*.mm", "*.ck", "!www.ck", "io", "github.io",
            "cn", "com.cn", "// 中国", "xn--fiqs8s"], "test");
        Assert.Equal(registrable, list.RegistrableDomain(domain));
    }

    [SystemPublicSuffixListFact]
    public void Organizational_domain_uses_the_system_list_when_installed()
    {
        Assert.Equal(PublicSuffixList.SystemPath, OrganizationalDomain.List.Source);
        Assert.Equal("user.github.io", OrganizationalDomain.Of("mail.user.github.io")); // private section: not "github.io"
        Assert.Equal("example.com", OrganizationalDomain.Of("Bounce.Example.COM."));
        Assert.Equal("github.io", OrganizationalDomain.Of("github.io")); // a public suffix is its own
    }

    [Fact]
    public void Embedded_fallback_knows_common_multi_label_suffixes()
    {
        var embedded = OrganizationalDomain.Embedded();
        Assert.Equal("example.co.uk", embedded.RegistrableDomain("a.example.co.uk"));
        Assert.Equal("example.com", embedded.RegistrableDomain("a.example.com"));
    }

    private static string? Actual(PublicSuffixList list, string? input) => input is null ? null : list.RegistrableDomain(input);

    /// <summary>A vector's value; Unicode names in their ASCII form, as the list answers (IDNA, RFC 5891).</summary>
    private static string? Value(string token) =>
        token == "null" ? null : token.Trim('\'') is var v && v.All(char.IsAscii) ? v : new System.Globalization.IdnMapping().GetAscii(v.ToLowerInvariant());

    [GeneratedRegex(@"^checkPublicSuffix\((null|'[^']*'), (null|'[^']*')\);")]
    private static partial Regex CheckLine();
}
