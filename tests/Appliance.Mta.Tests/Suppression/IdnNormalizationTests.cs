using System.Text;
using Appliance.Mta.Suppression;

namespace Appliance.Mta.Tests.Suppression;

/// <summary>
/// Internationalised domains are keyed by their UTS #46 non-transitional A-label (IDNA2008 + UTS #46 mapping, what
/// ICU's <c>uidna_openUTS46</c> does and what browsers and mail providers use), whatever form the address came in.
/// With invariant globalisation .NET falls back to IDNA2003 (ß → ss) and leaves fullwidth forms unmapped.
/// </summary>
public class IdnNormalizationTests
{
    [Theory]
    [InlineData("Bücher.example", "xn--bcher-kva.example")]
    [InlineData("BÜCHER.EXAMPLE", "xn--bcher-kva.example")]
    [InlineData("XN--BCHER-KVA.Example", "xn--bcher-kva.example")]
    // UTS #46 §4: fullwidth letters and the ideographic/fullwidth full stops map to their ASCII forms.
    [InlineData("ｂüｃｈｅｒ．ｅｘａｍｐｌｅ", "xn--bcher-kva.example")]
    [InlineData("ＥＸＡＭＰＬＥ。com", "example.com")]
    // UTS #46 non-transitional processing (IDNA2008 deviation characters kept): ß stays ß, not "ss".
    [InlineData("faß.de", "xn--fa-hia.de")]
    [InlineData("FASS.de", "fass.de")]
    public void Domain_is_the_uts46_nontransitional_a_label(string input, string expected) =>
        Assert.Equal(expected, AddressNormalizer.NormalizeDomain(input));

    [Fact]
    public void Local_part_is_nfc_so_composed_and_decomposed_forms_are_one_address()
    {
        var composed = "jos\u00e9@example.com";
        var decomposed = "jose\u0301@example.com";
        Assert.Equal(AddressNormalizer.Default.Normalize(composed), AddressNormalizer.Default.Normalize(decomposed));
        Assert.True(AddressNormalizer.Default.Normalize(decomposed)!.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("user@Bücher.example")]
    [InlineData("USER@xn--bcher-kva.EXAMPLE")]
    [InlineData("User@BÜCHER.example")]
    [InlineData("user@ｂüｃｈｅｒ．ｅｘａｍｐｌｅ")]
    public void Suppression_matches_whatever_form_the_address_came_in(string recipient)
    {
        var f = new SuppressionFixture();
        f.List.Add(f.List.Create("user@bücher.example", SuppressionScope.Global, null, SuppressionReason.Manual)!);
        Assert.NotNull(f.List.Find(recipient, "t1", ""));
        Assert.Null(f.List.Find("other@bücher.example", "t1", ""));
    }

    [Fact]
    public void Suppression_of_an_a_label_entry_matches_the_u_label_recipient()
    {
        var f = new SuppressionFixture();
        f.List.Add(f.List.Create("Info@XN--FA-HIA.de", SuppressionScope.Global, null, SuppressionReason.Manual)!);
        Assert.NotNull(f.List.Find("info@FAß.de", "t1", ""));
        // Non-transitional: faß.de and fass.de are different domains.
        Assert.Null(f.List.Find("info@fass.de", "t1", ""));
    }
}
