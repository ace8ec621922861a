namespace Appliance.Web.Modules.Reports.Imap;

/// <summary>The result of polling one mailbox: messages ingested (and moved), reports stored, or the error.</summary>
public sealed record ImapPollOutcome(string Mailbox, int Messages, int ReportsStored, string? Error)
{
    public bool Succeeded => Error is null;
}
