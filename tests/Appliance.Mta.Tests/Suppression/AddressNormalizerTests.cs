using Appliance.Mta.Suppression;

namespace Appliance.Mta.Tests.Suppression;

public class AddressNormalizerTests
{
    private readonly AddressNormalizer _normalizer = AddressNormalizer.Default;

    [Theory]
    [InlineData("John.Doe@Example.COM", "john.doe@example.com")]
    [InlineData(" <a@b.example> ", "a@b.example")]
    [InlineData("user@Bücher.example", "user@xn--bcher-kva.example")]
    [InlineData("user@example.com.", "user@example.com")]
    // Gmail documents that dots and "+tags" do not matter, and googlemail.com is the same mailbox.
    [InlineData("J.O.H.N+news@gmail.com", "john@gmail.com")]
    [InlineData("john.smith+x@GoogleMail.com", "johnsmith@gmail.com")]
    // Outlook.com documents plus addressing, not dot folding.
    [InlineData("j.smith+tag@outlook.com", "j.smith@outlook.com")]
    // Other domains: dots and plus tags are part of the mailbox.
    [InlineData("j.smith+tag@example.com", "j.smith+tag@example.com")]
    public void Normalize_applies_case_idn_and_documented_provider_rules(string input, string expected) =>
        Assert.Equal(expected, _normalizer.Normalize(input));

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("@example.com")]
    [InlineData("user@")]
    [InlineData("...@gmail.com")]
    public void Normalize_rejects_what_is_not_an_address(string input) => Assert.Null(_normalizer.Normalize(input));

    [Fact]
    public void Rule_table_is_data_a_custom_table_replaces_it()
    {
        var custom = new AddressNormalizer([new ProviderAddressRule(["corp.example"], "", IgnoreDots: false, TagSeparator: '-', "test")]);
        Assert.Equal("alice@corp.example", custom.Normalize("Alice-list@corp.example"));
        Assert.Equal("j.o.hn+x@gmail.com", custom.Normalize("J.O.hn+x@gmail.com"));
    }
}
