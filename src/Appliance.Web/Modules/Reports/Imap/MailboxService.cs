using Appliance.Web.Data;
using Appliance.Web.Modules.Reports.Contracts;
using Appliance.Web.Modules.Reports.Entities;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Reports.Imap;

/// <summary>Report mailboxes for the API and the page: list, add, change, delete (audited; the password encrypted).</summary>
public sealed class MailboxService(IDbContextFactory<ApplianceDbContext> dbFactory, MailboxPasswordProtector passwords, IAuditLog audit)
{
    public async Task<IReadOnlyList<MailboxResponse>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Mailboxes.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct)).Select(ToResponse).ToList();
    }

    public async Task<ServiceResult<MailboxResponse>> CreateAsync(MailboxRequest request, string actor, CancellationToken ct = default)
    {
        var errors = Validate(request, requirePassword: true);
        if (!errors.IsValid) return errors.ToResult<MailboxResponse>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Mailboxes.AnyAsync(m => m.Name == request.Name.Trim(), ct)) return ServiceResult<MailboxResponse>.Conflict($"A mailbox named '{request.Name.Trim()}' exists.");
        var mailbox = new ReportMailbox { Name = request.Name.Trim(), Host = request.Host.Trim(), Username = request.Username, ProtectedPassword = passwords.Protect(request.Password!) };
        Apply(mailbox, request);
        db.Mailboxes.Add(mailbox);
        await audit.SaveChangesAsync(db, actor, "reports.mailbox.create", mailbox.Name, null, () => ToResponse(mailbox), ct);
        var response = ToResponse(mailbox);
        return ServiceResult<MailboxResponse>.Ok(response);
    }

    public async Task<ServiceResult<MailboxResponse>> UpdateAsync(int id, MailboxRequest request, string actor, CancellationToken ct = default)
    {
        var errors = Validate(request, requirePassword: false);
        if (!errors.IsValid) return errors.ToResult<MailboxResponse>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mailbox = await db.Mailboxes.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (mailbox is null) return ServiceResult<MailboxResponse>.NotFound($"Mailbox {id} does not exist.");
        var before = ToResponse(mailbox);
        mailbox.Name = request.Name.Trim();
        mailbox.Host = request.Host.Trim();
        mailbox.Username = request.Username;
        if (!string.IsNullOrEmpty(request.Password)) mailbox.ProtectedPassword = passwords.Protect(request.Password);
        Apply(mailbox, request);
        await audit.SaveChangesAsync(db, actor, "reports.mailbox.update", mailbox.Name, before, () => ToResponse(mailbox), ct);
        var response = ToResponse(mailbox);
        return ServiceResult<MailboxResponse>.Ok(response);
    }

    public async Task<bool> DeleteAsync(int id, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mailbox = await db.Mailboxes.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (mailbox is null) return false;
        db.Mailboxes.Remove(mailbox);
        await audit.SaveChangesAsync(db, actor, "reports.mailbox.delete", mailbox.Name, ToResponse(mailbox), () => null, ct);
        return true;
    }

    private static void Apply(ReportMailbox m, MailboxRequest r)
    {
        m.Port = r.Port ?? 993;
        m.Folder = string.IsNullOrWhiteSpace(r.Folder) ? "INBOX" : r.Folder.Trim();
        m.ProcessedFolder = string.IsNullOrWhiteSpace(r.ProcessedFolder) ? "Processed" : r.ProcessedFolder.Trim();
        m.PinnedCertificateSha256 = string.IsNullOrWhiteSpace(r.PinnedCertificateSha256) ? null : ImapCertificateTrust.Normalize(r.PinnedCertificateSha256);
        m.TrustedCaFile = string.IsNullOrWhiteSpace(r.TrustedCaFile) ? null : r.TrustedCaFile.Trim();
        m.Enabled = r.Enabled ?? true;
    }

    private static FieldErrors Validate(MailboxRequest r, bool requirePassword)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 100) errors.Add("name", "A name of 1 to 100 characters is required.");
        if (string.IsNullOrWhiteSpace(r.Host) || Uri.CheckHostName(r.Host.Trim()) == UriHostNameType.Unknown) errors.Add("host", "The host must be a host name or an IP address.");
        if (r.Port is < 1 or > 65535) errors.Add("port", "The port must be between 1 and 65535 (IMAPS: 993).");
        if (string.IsNullOrWhiteSpace(r.Username)) errors.Add("username", "A user name is required.");
        if (requirePassword && string.IsNullOrEmpty(r.Password)) errors.Add("password", "A password is required.");
        if (!ImapCertificateTrust.IsValidFingerprint(r.PinnedCertificateSha256)) errors.Add("pinnedCertificateSha256", "The fingerprint must be 64 hex digits (SHA-256), optionally separated by colons.");
        if (!string.IsNullOrWhiteSpace(r.TrustedCaFile) && !File.Exists(r.TrustedCaFile.Trim())) errors.Add("trustedCaFile", "The CA file does not exist on the appliance.");
        if (r.Folder is { } f && f.Trim().Equals(r.ProcessedFolder?.Trim(), StringComparison.OrdinalIgnoreCase)) errors.Add("processedFolder", "The processed folder must differ from the folder polled.");
        return errors;
    }

    private static MailboxResponse ToResponse(ReportMailbox m) =>
        new(m.Id, m.Name, m.Host, m.Port, m.Username, m.Folder, m.ProcessedFolder, m.PinnedCertificateSha256, m.TrustedCaFile, m.Enabled,
            m.LastPollAt, m.LastSuccessAt, m.LastError, m.LastImported);
}
