namespace Appliance.Mta.Smtp;

/// <summary>MAIL FROM BODY= parameter (RFC 6152 8BITMIME, RFC 3030 BINARYMIME).</summary>
public enum BodyType
{
    /// <summary>BODY=7BIT or no BODY parameter: lines of 7-bit ASCII (RFC 5321 §2.4).</summary>
    SevenBit = 0,
    /// <summary>
    /// BODY=8BITMIME: octets above 127 allowed, lines still CRLF-delimited and at most 1000 octets (RFC 6152).
    /// </summary>
    EightBitMime = 1,
    /// <summary>BODY=BINARYMIME: arbitrary octets, transferred only with BDAT (RFC 3030 §3).</summary>
    BinaryMime = 2,
}
