namespace Appliance.Mta.Smtp;

/// <summary>MAIL FROM BODY= parameter (RFC 6152 8BITMIME, RFC 3030 BINARYMIME).</summary>
public enum BodyType
{
    SevenBit = 0,
    EightBitMime = 1,
    BinaryMime = 2,
}
