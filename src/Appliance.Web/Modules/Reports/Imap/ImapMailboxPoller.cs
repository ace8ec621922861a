using System.Net.Sockets;
using Appliance.Web.Data;
using Appliance.Web.Modules.Reports.Entities;
using Appliance.Web.Modules.Reports.Ingestion;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Reports.Imap;

/// <summary>
/// Polls external mailboxes for reports with MailKit's ImapClient over IMAPS only (implicit TLS, RFC 8314 §3.2; the
/// certificate checked by <see cref="ImapCertificateTrust"/>): each message is ingested, then moved to the processed
/// folder (created when missing; MOVE, RFC 6851, or MailKit's copy-and-expunge fallback). A connection,
/// authentication or folder error is stored on the mailbox and in the ingestion log, both shown in the UI.
/// </summary>
public sealed class ImapMailboxPoller(
    IDbContextFactory<ApplianceDbContext> dbFactory, MailboxPasswordProtector passwords, ReportIngestionService ingestion,
    IOptionsMonitor<ReportsOptions> options, TimeProvider time, ILogger<ImapMailboxPoller> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IReadOnlyList<ImapPollOutcome>> PollAllAsync(CancellationToken ct)
    {
        List<int> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            ids = await db.Mailboxes.Where(m => m.Enabled).Select(m => m.Id).ToListAsync(ct);
        var outcomes = new List<ImapPollOutcome>();
        foreach (var id in ids) if (await PollAsync(id, ct) is { } o) outcomes.Add(o);
        return outcomes;
    }

    /// <summary>Polls one mailbox now; null when it does not exist.</summary>
    public async Task<ImapPollOutcome?> PollAsync(int mailboxId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var mailbox = await db.Mailboxes.FirstOrDefaultAsync(m => m.Id == mailboxId, ct);
            if (mailbox is null) return null;
            var outcome = await FetchAsync(mailbox, ct);
            mailbox.LastPollAt = time.GetUtcNow();
            mailbox.LastError = outcome.Error;
            mailbox.LastImported = outcome.Messages;
            if (outcome.Succeeded) mailbox.LastSuccessAt = mailbox.LastPollAt;
            await db.SaveChangesAsync(ct);
            if (!outcome.Succeeded) await ingestion.LogAsync(ReportChannel.Imap, "imap:" + mailbox.Name, outcome.Error!, ct);
            return outcome;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ImapPollOutcome> FetchAsync(ReportMailbox mailbox, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var messages = 0;
        var stored = 0;
        try
        {
            var password = passwords.Unprotect(mailbox.ProtectedPassword);
            using var client = new ImapClient { Timeout = (int)o.ImapTimeout.TotalMilliseconds };
            client.ServerCertificateValidationCallback = (_, cert, _, errors) =>
                ImapCertificateTrust.Validate(cert, errors, mailbox.PinnedCertificateSha256, mailbox.TrustedCaFile);
            await client.ConnectAsync(mailbox.Host, mailbox.Port, SecureSocketOptions.SslOnConnect, ct);
            await client.AuthenticateAsync(mailbox.Username, password, ct);
            var folder = string.Equals(mailbox.Folder, "INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(mailbox.Folder, ct);
            var processed = await ProcessedFolderAsync(client, mailbox.ProcessedFolder, ct);
            await folder.OpenAsync(FolderAccess.ReadWrite, ct);
            var uids = await folder.SearchAsync(SearchQuery.NotDeleted, ct);
            foreach (var uid in uids.Take(o.MaxMessagesPerPoll))
            {
                byte[] bytes;
                using (var stream = await folder.GetStreamAsync(uid, ct))
                using (var ms = new MemoryStream())
                {
                    await stream.CopyToAsync(ms, ct);
                    bytes = ms.ToArray();
                }
                var result = await ingestion.IngestAsync(bytes, null, ReportChannel.Imap, "imap:" + mailbox.Name, ct);
                stored += result.Stored;
                messages++;
                await folder.MoveToAsync(uid, processed, ct);
            }
            await client.DisconnectAsync(true, ct);
            return new ImapPollOutcome(mailbox.Name, messages, stored, null);
        }
        catch (Exception e) when (IsPollFailure(e, ct))
        {
            ReportsLog.ImapPollFailed(logger, e, mailbox.Name, messages);
            return new ImapPollOutcome(mailbox.Name, messages, stored, $"{Describe(e)} (after {messages} message(s))");
        }
    }

    private static async Task<IMailFolder> ProcessedFolderAsync(ImapClient client, string name, CancellationToken ct)
    {
        try
        {
            return await client.GetFolderAsync(name, ct);
        }
        catch (FolderNotFoundException)
        {
            var root = client.PersonalNamespaces.Count > 0 ? await client.GetFolderAsync(client.PersonalNamespaces[0].Path, ct) : client.Inbox;
            return await root.CreateAsync(name, true, ct) ?? throw new FolderNotFoundException(name);
        }
    }

    private static bool IsPollFailure(Exception e, CancellationToken ct) =>
        e is ImapCommandException or ImapProtocolException or MailKit.Security.AuthenticationException or SslHandshakeException or SocketException
            or IOException or TimeoutException or FolderNotFoundException or ServiceNotConnectedException
            or System.Security.Cryptography.CryptographicException or FormatException
        || e is OperationCanceledException && !ct.IsCancellationRequested; // MailKit's own timeout

    private static string Describe(Exception e) => e switch
    {
        SslHandshakeException => "TLS handshake failed: the server certificate is not trusted (pin its SHA-256 fingerprint or give its CA file)",
        MailKit.Security.AuthenticationException => "authentication failed: " + e.Message,
        SocketException s => $"cannot connect: {s.SocketErrorCode}",
        System.Security.Cryptography.CryptographicException => "the stored password cannot be decrypted (Data Protection keys changed): enter it again",
        _ => e.Message,
    };
}
