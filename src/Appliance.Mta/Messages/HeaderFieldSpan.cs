namespace Appliance.Mta.Messages;

/// <summary>
/// One header field as <see cref="HeaderFieldReader"/> found it: its name (without trailing white space), its raw value
/// (after the colon, folding line ends included, the final line end not) and where the field's lines start and end in
/// the block (<see cref="End"/> is past the final line end).
/// </summary>
public readonly ref struct HeaderFieldSpan(ReadOnlySpan<byte> name, ReadOnlySpan<byte> rawValue, int start, int end)
{
    /// <summary>The field name, without trailing white space.</summary>
    public ReadOnlySpan<byte> Name { get; } = name;

    /// <summary>The bytes after the colon, folding line ends included, the final line end not.</summary>
    public ReadOnlySpan<byte> RawValue { get; } = rawValue;

    /// <summary>Offset of the field's first byte in the block.</summary>
    public int Start { get; } = start;

    /// <summary>Offset past the field's final line end.</summary>
    public int End { get; } = end;

    /// <summary>True when the name is <paramref name="name"/>, ignoring ASCII case (RFC 5322 §1.2.2).</summary>
    public bool Is(ReadOnlySpan<byte> name) => System.Text.Ascii.EqualsIgnoreCase(Name, name);

    /// <summary>The name as text (field names are US-ASCII, RFC 5322 §2.2).</summary>
    public string NameText() => System.Text.Encoding.ASCII.GetString(Name);

    /// <summary>The unfolded value (see <see cref="HeaderFieldReader.Unfold"/>).</summary>
    public string Value(int maxBytes = int.MaxValue) => HeaderFieldReader.Unfold(RawValue, maxBytes);
}
