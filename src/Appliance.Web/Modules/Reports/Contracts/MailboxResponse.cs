namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>A report mailbox as shown (never the password) with the state of its last poll.</summary>
public sealed record MailboxResponse(
    int Id, string Name, string Host, int Port, string Username, string Folder, string ProcessedFolder, string? PinnedCertificateSha256,
    string? TrustedCaFile, bool Enabled, DateTimeOffset? LastPollAt, DateTimeOffset? LastSuccessAt, string? LastError, int LastImported);
