namespace Appliance.Mta.Dkim;

/// <summary>
/// One header field of a raw header block (RFC 5322 §2.2): where it starts, how long its name is (-1 when the
/// line has no colon), and its length up to, not including, the CRLF that ends its last line. Continuation lines
/// (RFC 5322 §2.2.3 folding) are part of the field.
/// </summary>
internal readonly record struct DkimHeaderField(int Start, int NameLength, int Length)
{
    /// <summary>The index just past the field's last byte (before its final CRLF).</summary>
    public int End => Start + Length;
}
