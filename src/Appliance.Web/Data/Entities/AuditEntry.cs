namespace Appliance.Web.Data.Entities;

/// <summary>One recorded change: who did what to which object, with the object before and after as JSON (no secrets).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    /// <summary>"user:alice@example.com", "api:bootstrap" or "system".</summary>
    public required string Actor { get; set; }

    /// <summary>Dotted verb, e.g. "tenant.create", "user.role", "queue.suspend".</summary>
    public required string Action { get; set; }

    /// <summary>The object changed, e.g. the tenant id, the user's e-mail or a queue filter.</summary>
    public required string Target { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}
