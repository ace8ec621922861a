namespace Appliance.Web.Modules.Reports.Entities;

/// <summary>
/// An external IMAPS mailbox the poller reads reports from. The password is stored only as Data Protection
/// ciphertext; the server certificate must validate against the system roots, or match the pinned SHA-256
/// fingerprint, or chain to the configured CA file.
/// </summary>
public sealed class ReportMailbox
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Host { get; set; }
    public int Port { get; set; } = 993;
    public required string Username { get; set; }
    public required string ProtectedPassword { get; set; }
    public string Folder { get; set; } = "INBOX";
    public string ProcessedFolder { get; set; } = "Processed";
    /// <summary>Hex SHA-256 of the server certificate (DER) to accept when it does not chain to a trusted root.</summary>
    public string? PinnedCertificateSha256 { get; set; }
    /// <summary>PEM file of a CA that may issue the server certificate (in addition to the system roots).</summary>
    public string? TrustedCaFile { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset? LastPollAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public string? LastError { get; set; }
    public int LastImported { get; set; }
}
