namespace Appliance.Mta.Dkim;

/// <summary>The DKIM key record (RFC 6376 §3.6.1) as published in DNS.</summary>
public static class DkimTxtRecord
{
    /// <summary>The longest character-string a TXT RDATA may hold (RFC 1035 §3.3).</summary>
    public const int MaxCharacterStringLength = 255;

    /// <summary>"v=DKIM1; k=rsa; p=..." or "v=DKIM1; k=ed25519; p=..." (RFC 8463 §4.2).</summary>
    public static string Format(DkimKeyAlgorithm algorithm, string publicKeyBase64) =>
        $"v=DKIM1; k={KeyType(algorithm)}; p={publicKeyBase64}";

    /// <summary>The k= tag value for an algorithm: "rsa" or "ed25519".</summary>
    public static string KeyType(DkimKeyAlgorithm algorithm) => algorithm switch
    {
        DkimKeyAlgorithm.RsaSha256 => "rsa",
        DkimKeyAlgorithm.Ed25519Sha256 => "ed25519",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>
    /// Cuts a record value into character-strings of at most 255 octets for publication; a verifier concatenates
    /// them without separator (RFC 6376 §3.6.2.2). The value is ASCII, so characters are octets.
    /// </summary>
    public static IReadOnlyList<string> Split(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0) return [string.Empty];
        var parts = new List<string>((value.Length + MaxCharacterStringLength - 1) / MaxCharacterStringLength);
        for (var i = 0; i < value.Length; i += MaxCharacterStringLength)
            parts.Add(value.Substring(i, Math.Min(MaxCharacterStringLength, value.Length - i)));
        return parts;
    }
}
