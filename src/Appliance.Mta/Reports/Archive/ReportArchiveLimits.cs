namespace Appliance.Mta.Reports.Archive;

/// <summary>
/// Zip-bomb guard for report attachments. Real aggregate reports are small (the largest in the corpus is 0.9 MB
/// uncompressed, thousands of records); the defaults leave a wide margin and still bound memory per report.
/// </summary>
public sealed record ReportArchiveLimits
{
    /// <summary>32 MiB decompressed, 16 zip entries, 3 nested layers.</summary>
    public static readonly ReportArchiveLimits Default = new();

    /// <summary>Total bytes after decompression of one uploaded file or message (all entries and layers together).</summary>
    public long MaxDecompressedBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Entries in one zip archive (a report zip holds one XML file).</summary>
    public int MaxEntries { get; init; } = 16;

    /// <summary>Nested compression layers (gzip inside gzip, a zip inside a gzip).</summary>
    public int MaxDepth { get; init; } = 3;
}
