using System.IO.Compression;
using System.Text;
using Appliance.Mta.Reports;
using Appliance.Mta.Reports.Archive;

namespace Appliance.Mta.Tests.Reports;

/// <summary>Zip-bomb guards: decompressed size, zip entry count and nesting depth are capped and reported as errors.</summary>
public sealed class ReportArchiveLimitTests
{
    private static readonly ReportArchiveLimits Small = new() { MaxDecompressedBytes = 1024 * 1024, MaxEntries = 3, MaxDepth = 3 };

    [Fact]
    public void Gzip_expanding_beyond_the_limit_is_an_error_not_an_allocation()
    {
        var bomb = Gzip(new byte[8 * 1024 * 1024]); // 8 MiB of zeros compress to a few KiB
        Assert.True(bomb.Length < 64 * 1024);
        var result = ReportDocumentReader.Read(bomb, "bomb.xml.gz", Small);
        Assert.True(result.IsEmpty);
        Assert.Contains(result.Errors, e => e.Contains("exceeds the limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Zip_with_too_many_entries_is_refused()
    {
        var zip = Zip(Enumerable.Range(0, 4).Select(i => ($"r{i}.xml", Encoding.UTF8.GetBytes(MinimalReport($"id{i}")))).ToArray());
        var result = ReportDocumentReader.Read(zip, "many.zip", Small);
        Assert.True(result.IsEmpty);
        Assert.Contains(result.Errors, e => e.Contains("4 zip entries", StringComparison.Ordinal));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_and_within_it_unwrapped()
    {
        var xml = Encoding.UTF8.GetBytes(MinimalReport("nested"));
        Assert.Single(ReportDocumentReader.Read(Gzip(Gzip(Gzip(xml))), "x", Small).Aggregates);
        var tooDeep = ReportDocumentReader.Read(Gzip(Gzip(Gzip(Gzip(xml)))), "x", Small);
        Assert.True(tooDeep.IsEmpty);
        Assert.Contains(tooDeep.Errors, e => e.Contains("nested", StringComparison.Ordinal));
    }

    [Fact]
    public void Zip_budget_is_shared_across_entries()
    {
        var half = new byte[600 * 1024];
        var zip = Zip(("a.xml", half), ("b.xml", half));
        var result = ReportDocumentReader.Read(zip, "two.zip", Small);
        Assert.Contains(result.Errors, e => e.Contains("limit", StringComparison.Ordinal));
    }

    internal static string MinimalReport(string id, string records = "") =>
        $"<feedback><report_metadata><org_name>t</org_name><report_id>{id}</report_id><date_range><begin>1</begin><end>2</end></date_range></report_metadata>" +
        $"<policy_published><domain>example.com</domain><p>none</p></policy_published>{records}</feedback>";

    internal static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.SmallestSize)) gz.Write(data);
        return ms.ToArray();
    }

    private static byte[] Zip(params (string Name, byte[] Data)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create))
            foreach (var (name, data) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                s.Write(data);
            }
        return ms.ToArray();
    }
}
