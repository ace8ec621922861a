using System.Text;
using Appliance.Mta.Reports;
using Appliance.Mta.Reports.Archive;
using MimeKit;

namespace Appliance.Mta.Tests.Reports;

/// <summary>The decompression budget covers a whole message: many attachments each under it cannot add up past it.</summary>
public sealed class ReportMessageBudgetTests
{
    private static readonly ReportArchiveLimits Small = new() { MaxDecompressedBytes = 1024 * 1024, MaxEntries = 3, MaxDepth = 3 };

    private static byte[] MessageWithGzipParts(int parts, int expandedBytes)
    {
        var multipart = new Multipart("mixed") { new TextPart("plain") { Text = "reports attached" } };
        for (var i = 0; i < parts; i++)
        {
            var xml = ReportArchiveLimitTests.MinimalReport($"id{i}", new string(' ', expandedBytes));
            multipart.Add(new MimePart("application", "gzip")
            {
                Content = new MimeContent(new MemoryStream(ReportArchiveLimitTests.Gzip(Encoding.UTF8.GetBytes(xml)))),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = $"r{i}.xml.gz",
            });
        }
        var message = new MimeMessage { Subject = "Report domain: example.com", Body = multipart };
        message.From.Add(MailboxAddress.Parse("noreply-dmarc@reporter.example"));
        message.To.Add(MailboxAddress.Parse("dmarc@bounces.example"));
        using var ms = new MemoryStream();
        message.WriteTo(ms);
        return ms.ToArray();
    }

    [Fact]
    public void Many_parts_each_under_the_budget_but_over_it_together_are_cut_off()
    {
        var mail = MessageWithGzipParts(parts: 8, expandedBytes: 600 * 1024); // 8 x 600 KiB = 4.7 MiB against 1 MiB
        Assert.True(mail.Length < 100 * 1024);

        var result = ReportDocumentReader.Read(mail, null, Small);

        Assert.Single(result.Aggregates); // only the first part fits; with a budget per part all 8 would be read
        Assert.Contains(result.Errors, e => e.Contains("exceeds the limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Parts_that_fit_together_are_all_read()
    {
        var result = ReportDocumentReader.Read(MessageWithGzipParts(parts: 3, expandedBytes: 100 * 1024), null, Small);

        Assert.Equal(3, result.Aggregates.Count);
        Assert.Empty(result.Errors);
    }
}
