namespace Appliance.Web.Modules.Reports.Contracts;

/// <summary>Create or change an IMAPS report mailbox. On change, a null or empty password keeps the stored one.</summary>
public sealed record MailboxRequest(
    string Name, string Host, int? Port, string Username, string? Password, string? Folder, string? ProcessedFolder,
    string? PinnedCertificateSha256, string? TrustedCaFile, bool? Enabled);
