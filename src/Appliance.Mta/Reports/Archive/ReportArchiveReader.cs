using System.IO.Compression;

namespace Appliance.Mta.Reports.Archive;

/// <summary>
/// Unwraps report attachments: gzip (RFC 1952, also nested, and members with trailing junk that strict readers
/// refuse), zip (each entry) and plain documents, within <see cref="ReportArchiveLimits"/> counted over the whole
/// input, so a small file cannot expand without bound (zip bomb) or nest forever.
/// </summary>
public static class ReportArchiveReader
{
    /// <exception cref="ReportFormatException">A limit is exceeded or a compressed layer is corrupt.</exception>
    public static IReadOnlyList<ReportPayload> Unpack(byte[] data, string name, ReportArchiveLimits? limits = null)
    {
        limits ??= ReportArchiveLimits.Default;
        return Unpack(data, name, limits, NewBudget(limits));
    }

    /// <summary>A decompression budget to share between several <see cref="Unpack(byte[], string, ReportArchiveLimits, long[])"/>
    /// calls: every attachment of one message draws from the same <see cref="ReportArchiveLimits.MaxDecompressedBytes"/>.</summary>
    internal static long[] NewBudget(ReportArchiveLimits limits) => [limits.MaxDecompressedBytes];

    /// <summary>Unpacks with a <paramref name="budget"/> shared with the other parts of the same message.</summary>
    internal static IReadOnlyList<ReportPayload> Unpack(byte[] data, string name, ReportArchiveLimits limits, long[] budget)
    {
        var output = new List<ReportPayload>();
        Unpack(data, name, limits, budget, 0, output);
        return output;
    }

    /// <summary>
    /// True when <paramref name="data"/> starts with the gzip magic and deflate method (1f 8b 08, RFC 1952 §2.3.1).
    /// </summary>
    public static bool IsGzip(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0x1f && data[1] == 0x8b && data[2] == 8;

    /// <summary>True when <paramref name="data"/> starts with a zip local file header ("PK\x03\x04").</summary>
    public static bool IsZip(ReadOnlySpan<byte> data) => data.Length >= 4 && data[0] == (byte)'P' && data[1] == (byte)'K' && data[2] == 3 && data[3] == 4;

    private static void Unpack(byte[] data, string name, ReportArchiveLimits limits, long[] budget, int depth, List<ReportPayload> output)
    {
        if (!IsGzip(data) && !IsZip(data))
        {
            output.Add(new ReportPayload(name, data));
            return;
        }
        if (depth >= limits.MaxDepth) throw new ReportFormatException($"'{name}': more than {limits.MaxDepth} nested compression layers");
        if (IsGzip(data))
        {
            Unpack(Gunzip(data, name, budget), StripSuffix(name, ".gz"), limits, budget, depth + 1, output);
            return;
        }
        try
        {
            using var zip = new ZipArchive(new MemoryStream(data, writable: false), ZipArchiveMode.Read);
            var files = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (files.Count > limits.MaxEntries) throw new ReportFormatException($"'{name}': {files.Count} zip entries, more than the limit of {limits.MaxEntries}");
            foreach (var entry in files)
            {
                // The declared size is only a hint (it can lie); the bounded copy below enforces the real budget.
                if (entry.Length > budget[0]) throw new ReportFormatException($"'{name}': entry '{entry.FullName}' expands beyond the {limits.MaxDecompressedBytes}-byte limit");
                using var s = entry.Open();
                Unpack(BoundedCopy(s, budget, name), entry.FullName, limits, budget, depth + 1, output);
            }
        }
        catch (InvalidDataException e)
        {
            throw new ReportFormatException($"'{name}': corrupt zip archive ({e.Message})", e);
        }
    }

    private static byte[] Gunzip(byte[] data, string name, long[] budget)
    {
        var before = budget[0];
        try
        {
            using var gz = new GZipStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
            return BoundedCopy(gz, budget, name);
        }
        catch (InvalidDataException)
        {
            // Some senders (Mimecast) append bytes a strict reader refuses as a second member: inflate the first
            // member's raw deflate data after its RFC 1952 §2.3 header and ignore the rest.
            budget[0] = before;
            try
            {
                using var deflate = new DeflateStream(new MemoryStream(data, GzipHeaderLength(data), data.Length - GzipHeaderLength(data), writable: false), CompressionMode.Decompress);
                return BoundedCopy(deflate, budget, name);
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException)
            {
                throw new ReportFormatException($"'{name}': corrupt gzip data ({e.Message})", e);
            }
        }
    }

    /// <summary>RFC 1952 §2.3: 10 fixed bytes, then FEXTRA, FNAME, FCOMMENT and FHCRC when flagged.</summary>
    private static int GzipHeaderLength(byte[] d)
    {
        var flags = d.Length > 3 ? d[3] : 0;
        var i = 10;
        if ((flags & 4) != 0 && i + 2 <= d.Length) i += 2 + (d[i] | (d[i + 1] << 8));
        if ((flags & 8) != 0) { while (i < d.Length && d[i] != 0) i++; i++; }
        if ((flags & 16) != 0) { while (i < d.Length && d[i] != 0) i++; i++; }
        if ((flags & 2) != 0) i += 2;
        return Math.Min(i, d.Length);
    }

    private static byte[] BoundedCopy(Stream source, long[] budget, string name)
    {
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (n > budget[0]) throw new ReportFormatException($"'{name}': decompressed size exceeds the limit");
            budget[0] -= n;
            ms.Write(buffer, 0, n);
        }
        return ms.ToArray();
    }

    private static string StripSuffix(string name, string suffix) =>
        name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? name[..^suffix.Length] : name;
}
