namespace Appliance.Web.Services.Tls;

/// <summary>What the Listeners and TLS page shows of a certificate.</summary>
public sealed record CertificateInfo(
    string Subject,
    string Issuer,
    IReadOnlyList<string> SubjectAlternativeNames,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Thumbprint,
    bool SelfSigned,
    int DaysLeft)
{
    /// <summary>Renew when fewer than this many days are left.</summary>
    public const int WarningDays = 30;

    public bool ExpiresSoon => DaysLeft < WarningDays;
}
