namespace Appliance.Mta.Dkim;

/// <summary>Which header fields a signature covers (the h= tag, RFC 6376 §3.5 and §5.4).</summary>
internal static class DkimHeaderSelection
{
    /// <summary>The fields signed when present (RFC 6376 §5.4.1's recommendations plus the list headers of
    /// RFC 8058 §4, which MUST be signed for one-click unsubscribe).</summary>
    public static readonly IReadOnlyList<string> Signed =
    [
        "From", "To", "Cc", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Reply-To",
        "List-Unsubscribe", "List-Unsubscribe-Post",
    ];

    /// <summary>
    /// The h= list for these headers: each signed field once per instance present, and From once more than present
    /// (over-signing, RFC 6376 §8.15: the extra, absent instance signs "no further From", so a second From added in
    /// transit breaks the signature). Null when there is no From, which must be signed (RFC 6376 §5.4).
    /// </summary>
    public static List<string>? For(DkimParsedMessage message)
    {
        var fields = new List<string>(Signed.Count + 2);
        foreach (var name in Signed)
        {
            var count = 0;
            for (var i = 0; i < message.FieldCount; i++)
                if (message.IsNamed(i, name)) count++;
            var isFrom = name == "From";
            if (isFrom && count == 0) return null;
            for (var i = 0; i < count + (isFrom ? 1 : 0); i++) fields.Add(name);
        }
        return fields;
    }
}
