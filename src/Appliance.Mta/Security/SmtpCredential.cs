namespace Appliance.Mta.Security;

/// <summary>
/// An SMTP AUTH identity: it belongs to a tenant and may pin a stream (transactional/marketing). <paramref
/// name="Handover"/> marks the internal identity of another cluster node handing over its queue (issue 19, draining):
/// its messages are already signed and counted, so the reception steps that sign or count skip them.
/// </summary>
public sealed record SmtpCredential(string Username, string TenantId, ScramSecret Secret, string? Stream = null, bool Handover = false);
