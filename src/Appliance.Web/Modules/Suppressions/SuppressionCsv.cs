using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>
/// The CSV form of the suppression list, read and written by CsvHelper (RFC 4180: comma-separated, double quotes around
/// fields with a comma, quote or line break, inner quotes doubled). Import columns: address[,reason[,scope[,scope_key]]],
/// with an optional header line starting with "address". Export adds created_at, expires_at (ISO 8601), source_type,
/// source_message_id and source_response, one line per entry.
/// </summary>
public static class SuppressionCsv
{
    /// <summary>The export's header record, in column order.</summary>
    public static readonly string[] ExportColumns =
        ["address", "reason", "scope", "scope_key", "created_at", "expires_at", "source_type", "source_message_id", "source_response"];

    /// <summary>
    /// Export: RFC 4180 quoting, LF line ends (as the export has always had), no formula escaping.
    /// </summary>
    public static CsvWriterOptions WriterOptions { get; } = CsvWriterOptions.Default with { NewLine = "\n" };

    /// <summary>
    /// Import: comma only (no separator guessing), no header record (an "address" first line is skipped by
    /// <see cref="ReadAsync"/>), fields trimmed (also inside quotes), every line counted so errors name the line, and
    /// no line break inside quotes: no suppression field has one, and refusing it keeps one unbalanced quote from
    /// swallowing the rest of the file. A malformed record is skipped and reported, the rest is read on.
    /// </summary>
    public static CsvReaderOptions ReaderOptions { get; } = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = false,
        DetectSeparatorHint = false,
        TrimWhitespace = true,
        TrimInsideQuotes = true,
        TrackLineNumbers = true,
        AllowLineBreaksInQuotes = false,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Skip,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        IncludeValuesInExceptions = false,
    };

    /// <summary>
    /// The records of an import, in input order: each with its 1-based line number, its fields, its text and, for a
    /// record whose quoting is broken, the reason (its fields are then empty). The optional header line is not returned.
    /// </summary>
    public static async IAsyncEnumerable<SuppressionCsvRecord> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var malformed = new Queue<CsvMalformedRecord>();
        var options = ReaderOptions with { OnMalformedRecord = malformed.Enqueue };
        await using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        while (true)
        {
            var more = await csv.ReadAsync(ct);
            while (malformed.TryDequeue(out var bad))
                yield return new SuppressionCsvRecord((int)bad.LineNumber, [], bad.RawRecord, Describe(bad.Reason));
            if (!more) yield break;
            var fields = csv.Current.ToArray();
            if (fields.Length > 0) fields[0] = fields[0].TrimStart('\uFEFF').Trim(); // a byte order mark read as text
            if (csv.LineNumber == 1 && IsHeader(fields)) continue;
            var text = Encoding.UTF8.GetString(csv.RawRecord).TrimEnd('\r', '\n');
            if (string.IsNullOrWhiteSpace(text)) continue; // a line of blanks, as an empty line
            yield return new SuppressionCsvRecord((int)csv.LineNumber, fields, text, null);
        }
    }

    /// <summary>Writes the export's header record.</summary>
    public static void WriteHeader(CsvWriter csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        csv.WriteHeader(ExportColumns);
    }

    /// <summary>Writes the fields of one entry (the caller ends the record). Line breaks become spaces: one line per entry.</summary>
    public static void WriteFields(CsvWriter csv, SuppressionDto s)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(s);
        csv.WriteField(OneLine(s.Address));
        csv.WriteField(s.Reason);
        csv.WriteField(s.Scope);
        csv.WriteField(OneLine(s.ScopeKey));
        csv.WriteField(s.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        csv.WriteField(s.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture));
        csv.WriteField(OneLine(s.SourceType));
        csv.WriteField(OneLine(s.SourceMessageId));
        csv.WriteField(OneLine(s.SourceResponse));
    }

    private static bool IsHeader(string[] fields) =>
        fields.Length > 0 && fields[0].StartsWith("address", StringComparison.OrdinalIgnoreCase);

    private static string? OneLine(string? value) =>
        value is null || value.AsSpan().IndexOfAny('\r', '\n') < 0 ? value : value.Replace('\r', ' ').Replace('\n', ' ');

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.LineBreakInQuotes or CsvMalformedReason.UnterminatedQuote => "Unbalanced quotes: a quoted field is not closed on its line.",
        CsvMalformedReason.StrayQuote => "Unbalanced quotes: a quote inside an unquoted field.",
        CsvMalformedReason.TextAfterClosingQuote => "Unbalanced quotes: text after the closing quote of a field.",
        _ => $"Malformed CSV record ({reason}).",
    };
}
