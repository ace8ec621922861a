using System.Security.Cryptography.X509Certificates;
using Appliance.Mta.Delivery.Dane;
using Appliance.Mta.Security.Tls;
using Appliance.Mta.Tests.Dane.Fakes;

namespace Appliance.Mta.Tests.Dane;

/// <summary>
/// TLSA matching for SMTP (RFC 6698 §2.1, RFC 7671, RFC 7672 §3): every usage × selector × matching type, with the
/// record computed from the right certificate (DANE-EE: the server's; DANE-TA: the CA's) and from a wrong one, plus
/// malformed records (ignored as unusable), DANE-EE's missing name/expiry checks and DANE-TA's chain and name checks.
/// </summary>
public sealed class TlsaMatcherTests : IDisposable
{
    private const string Mx = "mx.example.net";
    private const string Domain = "example.org";
    private readonly TestCertificates _certs = new();

    public static TheoryData<byte, byte, byte> AllCombinations()
    {
        var data = new TheoryData<byte, byte, byte>();
        foreach (var usage in new byte[] { 0, 1, 2, 3, 4, 255 })
            foreach (var selector in new byte[] { 0, 1, 2, 255 })
                foreach (var matching in new byte[] { 0, 1, 2, 3, 255 })
                    data.Add(usage, selector, matching);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void Record_made_from_the_right_certificate_verifies_exactly_when_usage_selector_and_matching_type_are_usable_for_smtp(
        byte usage, byte selector, byte matching)
    {
        using var leaf = _certs.Issue(Mx, [Mx]);
        // DANE-TA and the PKIX usages name the issuer; DANE-EE and unknown usages the server itself.
        var subject = usage is 0 or 2 ? _certs.Ca : leaf;
        var record = TestCertificates.For(usage, selector, matching, subject);
        var usable = usage is 2 or 3 && selector is 0 or 1 && matching is 0 or 1 or 2;

        var verdict = DaneCertificateCheck.Check(leaf, [leaf, _certs.Ca], [record], [Mx, Domain], TestCertificates.Now);

        Assert.Equal(usable, record.IsUsable);
        Assert.Equal(usable, verdict.Verified);
        if (usable) Assert.Equal(record, verdict.Matched);
        else Assert.Equal(DaneResultTypes.TlsaInvalid, verdict.ResultType);
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void Record_made_from_another_certificate_never_verifies(byte usage, byte selector, byte matching)
    {
        using var leaf = _certs.Issue(Mx, [Mx]);
        using var other = TestCertificates.SelfSigned("other.example");
        var record = TestCertificates.For(usage, selector, matching, other);

        var verdict = DaneCertificateCheck.Check(leaf, [leaf, _certs.Ca], [record], [Mx, Domain], TestCertificates.Now);

        Assert.False(verdict.Verified);
        Assert.Equal(DaneResultTypes.TlsaInvalid, verdict.ResultType);
    }

    [Theory]
    [InlineData(1, 31)]
    [InlineData(1, 33)]
    [InlineData(1, 0)]
    [InlineData(2, 63)]
    [InlineData(2, 32)]
    [InlineData(2, 0)]
    [InlineData(0, 0)]
    public void Malformed_digest_length_makes_the_record_unusable_even_when_its_bytes_are_a_prefix_of_the_right_digest(byte matching, int length)
    {
        using var leaf = TestCertificates.SelfSigned(Mx);
        var right = TestCertificates.For(3, 1, matching, leaf);
        var malformed = right with { Data = right.Data[..Math.Min(length, right.Data.Length)].ToArray().Concat(new byte[Math.Max(0, length - right.Data.Length)]).ToArray() };

        Assert.False(malformed.IsUsable);
        Assert.False(DaneCertificateCheck.Check(leaf, [leaf], [malformed], [Mx], TestCertificates.Now).Verified);
    }

    [Fact]
    public void Malformed_and_unusable_records_are_ignored_when_a_usable_one_matches()
    {
        using var leaf = TestCertificates.SelfSigned(Mx);
        var good = TestCertificates.For(3, 1, 1, leaf);
        TlsaRecord[] rrset =
        [
            new(3, 1, 1, new byte[5]),                  // short digest
            new(1, 1, 1, good.Data),                    // PKIX-EE: not for SMTP (RFC 7672 §3.1.3)
            new(3, 7, 1, good.Data),                    // unknown selector
            new(3, 1, 9, good.Data),                    // unknown matching type
            good,
        ];

        var verdict = DaneCertificateCheck.Check(leaf, [leaf], rrset, [Mx], TestCertificates.Now);

        Assert.True(verdict.Verified);
        Assert.Equal(good, verdict.Matched);
    }

    [Fact]
    public void Dane_ee_ignores_the_names_and_the_expiry_of_the_certificate()
    {
        // RFC 7672 §3.1.1: with DANE-EE the key is all that is checked.
        using var expired = TestCertificates.SelfSigned("unrelated.invalid", notAfter: DateTimeOffset.UtcNow.AddDays(-3));
        var record = TestCertificates.For(3, 0, 2, expired);

        var verdict = DaneCertificateCheck.Check(expired, [expired], [record], [Mx, Domain], TestCertificates.Now);

        Assert.True(verdict.Verified, verdict.Detail);
    }

    [Theory]
    [InlineData(Mx)]
    [InlineData(Domain)]
    [InlineData("*.example.net")]
    public void Dane_ta_verifies_a_chain_to_the_anchor_whose_certificate_names_the_mx_or_the_domain(string certName)
    {
        using var leaf = _certs.Issue(certName, [certName]);
        var record = TestCertificates.For(2, 0, 1, _certs.Ca);

        var verdict = DaneCertificateCheck.Check(leaf, [leaf, _certs.Ca], [record], [Mx, Domain], TestCertificates.Now);

        Assert.True(verdict.Verified, verdict.Detail);
    }

    [Fact]
    public void Dane_ta_falls_back_to_the_common_name_only_without_dns_names()
    {
        using var leaf = _certs.Issue(Mx, []);
        var verdict = DaneCertificateCheck.Check(leaf, [leaf, _certs.Ca], [TestCertificates.For(2, 1, 1, _certs.Ca)], [Mx, Domain], TestCertificates.Now);
        Assert.True(verdict.Verified, verdict.Detail);
    }

    [Theory]
    [InlineData("other.example.net")]
    [InlineData("*.example.org")]        // wildcard covers one label: a.example.org, not example.org itself
    [InlineData("*.mx.example.net")]
    public void Dane_ta_with_a_certificate_for_another_name_is_a_host_mismatch(string certName)
    {
        using var leaf = _certs.Issue(certName, [certName]);
        var verdict = DaneCertificateCheck.Check(leaf, [leaf, _certs.Ca], [TestCertificates.For(2, 0, 1, _certs.Ca)], [Mx, Domain], TestCertificates.Now);

        Assert.False(verdict.Verified);
        Assert.Equal(DaneResultTypes.CertificateHostMismatch, verdict.ResultType);
    }

    [Fact]
    public void Dane_ta_checks_the_validity_dates()
    {
        using var leaf = _certs.Issue(Mx, [Mx], DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(-1));
        var verdict = DaneCertificateCheck.Check(leaf, [leaf, _certs.Ca], [TestCertificates.For(2, 0, 1, _certs.Ca)], [Mx], TestCertificates.Now);

        Assert.False(verdict.Verified);
        Assert.Equal(DaneResultTypes.CertificateExpired, verdict.ResultType);
    }

    [Fact]
    public void Dane_ta_needs_the_anchor_among_the_presented_certificates()
    {
        using var leaf = _certs.Issue(Mx, [Mx]);
        var verdict = DaneCertificateCheck.Check(leaf, [leaf], [TestCertificates.For(2, 0, 1, _certs.Ca)], [Mx], TestCertificates.Now);
        Assert.False(verdict.Verified);
        Assert.Equal(DaneResultTypes.TlsaInvalid, verdict.ResultType);
    }

    [Fact]
    public void Dane_ta_record_of_the_leaf_itself_is_not_a_trust_anchor()
    {
        using var leaf = _certs.Issue(Mx, [Mx]);
        var verdict = DaneCertificateCheck.Check(leaf, [leaf, _certs.Ca], [TestCertificates.For(2, 0, 1, leaf)], [Mx], TestCertificates.Now);
        Assert.False(verdict.Verified);
    }

    [Fact]
    public void Dane_ta_anchor_that_did_not_issue_the_leaf_does_not_verify()
    {
        using var otherCa = new TestCertificates();
        using var leaf = _certs.Issue(Mx, [Mx]);
        var verdict = DaneCertificateCheck.Check(leaf, [leaf, _certs.Ca, otherCa.Ca], [TestCertificates.For(2, 0, 1, otherCa.Ca)], [Mx], TestCertificates.Now);
        Assert.False(verdict.Verified);
        Assert.Equal(DaneResultTypes.TlsaInvalid, verdict.ResultType);
    }

    [Theory]
    [InlineData("3 1 1 0a0B", 3, 1, 1, "0a0b")]
    [InlineData("2 0 1 AA BB", 2, 0, 1, "aabb")]
    public void Presentation_form_round_trips(string text, byte usage, byte selector, byte matching, string hex)
    {
        var record = TlsaRecord.Parse(text)!;
        Assert.Equal((usage, selector, matching), (record.Usage, record.Selector, record.MatchingType));
        Assert.Equal($"{usage} {selector} {matching} {hex}", record.ToString());
    }

    [Theory]
    [InlineData("3 1 1")]
    [InlineData("3 1 x 00")]
    [InlineData("256 1 1 00")]
    [InlineData("3 1 1 0g")]
    public void Malformed_presentation_form_is_not_a_record(string text) => Assert.Null(TlsaRecord.Parse(text));

    public void Dispose() => _certs.Dispose();
}
