using System.Text;

namespace Appliance.Mta.Messages;

/// <summary>
/// Builds a <see cref="ReceptionHeaders"/> from header fields as <see cref="HeaderFieldReader"/> finds them, within the
/// caps below: values unfolded, RFC 2047 words decoded (UTF-8 otherwise, RFC 6532), cut at <see cref="MaxValueChars"/>.
/// Used by the SMTP server's one header scan, by the reception steps that add fields, and by
/// <c>Events.ReceptionHeaderReader</c> (for messages that did not come through SMTP).
/// </summary>
public sealed class ReceptionHeaderCollector
{
    /// <summary>Fields kept in <see cref="ReceptionHeaders.Fields"/>.</summary>
    public const int MaxFields = 60;

    /// <summary>RFC 5322 §2.1.1: 998 characters per line; a longer unfolded value is cut there.</summary>
    public const int MaxValueChars = 998;

    /// <summary>Characters of names and values kept in all (about one event line's worth).</summary>
    public const int MaxTotalChars = 8 * 1024;

    private readonly List<HeaderField> _fields = [];
    private readonly List<string> _dkim = [];
    private string? _subject, _from, _to, _date;
    private int _total;
    private bool _truncated;

    /// <summary>Adds one field (in the order of the header block).</summary>
    public void Add(in HeaderFieldSpan field)
    {
        var name = field.NameText();
        var value = Value(field.RawValue);
        if (field.Is("Subject"u8)) _subject ??= value;
        else if (field.Is("From"u8)) _from ??= value;
        else if (field.Is("To"u8)) _to ??= value;
        else if (field.Is("Date"u8)) _date ??= value;
        else if (field.Is("DKIM-Signature"u8)) _dkim.Add(DkimSummary(value));
        if (_fields.Count >= MaxFields || _total + name.Length + value.Length > MaxTotalChars)
        {
            _truncated = true;
            return;
        }
        _fields.Add(new HeaderField(name, value));
        _total += name.Length + value.Length;
    }

    /// <summary>The summary; <paramref name="cut"/> marks it truncated (the block went past the scan limit).</summary>
    public ReceptionHeaders Build(bool cut = false) => new()
    {
        Subject = _subject, From = _from, To = _to, Date = _date, DkimSignatures = [.. _dkim], Fields = [.. _fields],
        Truncated = _truncated || cut,
    };

    /// <summary>
    /// <paramref name="headers"/> with <paramref name="block"/> (complete CRLF-terminated fields a reception step added)
    /// inserted before its field number <paramref name="index"/>, the caps applied again from the top.
    /// </summary>
    public static ReceptionHeaders Insert(ReceptionHeaders headers, int index, ReadOnlySpan<byte> block)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var added = new ReceptionHeaderCollector();
        var reader = new HeaderFieldReader(block);
        while (reader.Read(out var field) == HeaderLine.Field) added.Add(field);
        var all = new List<HeaderField>(headers.Fields.Count + added._fields.Count);
        all.AddRange(headers.Fields.Take(index));
        all.AddRange(added._fields);
        all.AddRange(headers.Fields.Skip(index));
        var kept = new List<HeaderField>(all.Count);
        var total = 0;
        var truncated = headers.Truncated || added._truncated;
        foreach (var f in all)
        {
            if (kept.Count >= MaxFields || total + f.Name.Length + f.Value.Length > MaxTotalChars)
            {
                truncated = true;
                break;
            }
            kept.Add(f);
            total += f.Name.Length + f.Value.Length;
        }
        var dkimBefore = headers.Fields.Take(index).Count(f => f.Name.Equals("DKIM-Signature", StringComparison.OrdinalIgnoreCase));
        return headers with
        {
            Subject = headers.Subject ?? added._subject, From = headers.From ?? added._from, To = headers.To ?? added._to,
            Date = headers.Date ?? added._date,
            DkimSignatures = [.. headers.DkimSignatures.Take(dkimBefore), .. added._dkim, .. headers.DkimSignatures.Skip(dkimBefore)],
            Fields = kept, Truncated = truncated,
        };
    }

    /// <summary>Number of Received fields at the top of <paramref name="headers"/> (where trace-following fields go).</summary>
    public static int LeadingReceived(ReceptionHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var n = 0;
        while (n < headers.Fields.Count && headers.Fields[n].Name.Equals("Received", StringComparison.OrdinalIgnoreCase)) n++;
        return n;
    }

    /// <summary>Unfolds, decodes RFC 2047 encoded words (UTF-8 otherwise, RFC 6532) and cuts at MaxValueChars.</summary>
    private static string Value(ReadOnlySpan<byte> raw)
    {
        var text = HeaderFieldReader.Unfold(raw, MaxValueChars * 4);
        if (text.Contains("=?", StringComparison.Ordinal))
        {
            try { text = MimeKit.Utils.Rfc2047.DecodeText(Encoding.UTF8.GetBytes(text)); }
            catch (ArgumentException) { }
        }
        return text.Length > MaxValueChars ? text[..MaxValueChars] : text;
    }

    /// <summary>"d=… s=…" of a DKIM-Signature value (RFC 6376 §3.5 tags).</summary>
    private static string DkimSummary(string value)
    {
        string? d = null, s = null;
        foreach (var tag in value.Split(';'))
        {
            var t = tag.Trim();
            if (t.StartsWith("d=", StringComparison.Ordinal)) d = t[2..].Trim();
            else if (t.StartsWith("s=", StringComparison.Ordinal)) s = t[2..].Trim();
        }
        return $"d={d} s={s}";
    }
}
