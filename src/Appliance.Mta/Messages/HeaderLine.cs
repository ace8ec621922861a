namespace Appliance.Mta.Messages;

/// <summary>What <see cref="HeaderFieldReader.Read"/> found.</summary>
public enum HeaderLine
{
    /// <summary>The end of the header block (the empty line, RFC 5322 §2.1) or of the input.</summary>
    End,

    /// <summary>A header field.</summary>
    Field,

    /// <summary>A line that is not a field (no name and colon); it has been consumed.</summary>
    NotAField,
}
