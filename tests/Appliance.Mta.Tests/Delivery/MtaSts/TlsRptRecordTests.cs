using Appliance.Mta.Delivery.MtaSts;

namespace Appliance.Mta.Tests.Delivery.MtaSts;

/// <summary>The TLS-RPT DNS record (RFC 8460 §3).</summary>
public sealed class TlsRptRecordTests
{
    [Fact]
    public void Rua_lists_mailto_and_https_destinations()
    {
        var record = TlsRptRecord.TryParse("v=TLSRPTv1; rua=mailto:tls%2Breports@example.com,https://reports.example.com/v1/tlsrpt")!;
        Assert.Equal(["mailto:tls%2Breports@example.com", "https://reports.example.com/v1/tlsrpt"], record.ReportUris.Select(u => u.OriginalString));
        Assert.Equal("tls+reports@example.com", TlsRptRecord.MailtoAddress(record.ReportUris[0]));
    }

    [Theory]
    [InlineData("v=TLSRPTv2; rua=mailto:a@example.com")] // wrong version
    [InlineData("v=TLSRPTv1;")] // no rua
    [InlineData("v=TLSRPTv1; rua=http://insecure.example.com/r")] // §3: https only
    [InlineData("rua=mailto:a@example.com; v=TLSRPTv1")] // v= must come first
    public void Unusable_records_give_null(string txt) => Assert.Null(TlsRptRecord.TryParse(txt));

    [Fact]
    public void Other_txt_strings_are_ignored_but_two_records_mean_none()
    {
        Assert.NotNull(TlsRptRecord.FromTxt(["google-site-verification=x", "v=TLSRPTv1; rua=mailto:a@example.com"]));
        Assert.Null(TlsRptRecord.FromTxt(["v=TLSRPTv1; rua=mailto:a@example.com", "v=TLSRPTv1; rua=mailto:b@example.com"]));
        Assert.Equal("_smtp._tls.example.com", TlsRptRecord.NameFor("example.com."));
    }
}
