namespace Appliance.Mta.Messages;

/// <summary>
/// One header field as <see cref="HeaderFieldReader"/> found it: its name (without trailing white space), its raw value
/// (after the colon, folding line ends included, the final line end not) and where the field's lines start and end in
/// the block (<see cref="End"/> is past the final line end).
/// </summary>
public readonly ref struct HeaderFieldSpan(ReadOnlySpan<byte> name, ReadOnlySpan<byte> rawValue, int start, int end)
{
    public ReadOnlySpan<byte> Name { get; } = name;

    public ReadOnlySpan<byte> RawValue { get; } = rawValue;

    public int Start { get; } = start;

    public int End { get; } = end;

    /// <summary>True when the name is <paramref name="name"/>, ignoring ASCII case (RFC 5322 §1.2.2).</summary>
    public bool Is(ReadOnlySpan<byte> name) => System.Text.Ascii.EqualsIgnoreCase(Name, name);

    /// <summary>The name as text (field names are US-ASCII, RFC 5322 §2.2).</summary>
    public string NameText() => System.Text.Encoding.ASCII.GetString(Name);

    /// <summary>The unfolded value (see <see cref="HeaderFieldReader.Unfold"/>).</summary>
    public string Value(int maxBytes = int.MaxValue) => HeaderFieldReader.Unfold(RawValue, maxBytes);
}
