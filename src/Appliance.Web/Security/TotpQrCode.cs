using System.Globalization;
using QRCoder;

namespace Appliance.Web.Security;

/// <summary>The otpauth:// URI of an authenticator key and its QR code as an SVG data URI.</summary>
public static class TotpQrCode
{
    public const string Issuer = "Appliance";

    /// <summary>Key URI format (Google Authenticator): otpauth://totp/Issuer:account?secret=BASE32&amp;issuer=Issuer&amp;digits=6.</summary>
    public static string AuthenticatorUri(string email, string unformattedKey) =>
        string.Format(CultureInfo.InvariantCulture, "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6",
            Uri.EscapeDataString(Issuer), Uri.EscapeDataString(email), unformattedKey);

    public static string SvgDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }

    /// <summary>"abcd efgh ..." groups of four, lower case, for reading off the screen.</summary>
    public static string Format(string key)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return sb.ToString().ToLowerInvariant();
    }
}
