using Appliance.Web.Data.Entities;

namespace Appliance.Web.Services;

/// <summary>Records changes (who, when, what, before and after) and pages through them, newest first.</summary>
public interface IAuditLog
{
    /// <summary>Stores one entry; <paramref name="before"/> and <paramref name="after"/> are serialised to JSON (never pass secrets).</summary>
    Task RecordAsync(string actor, string action, string target, object? before, object? after, CancellationToken cancellationToken = default);

    /// <summary>Entries newest first, with the total count for paging.</summary>
    Task<(IReadOnlyList<AuditEntry> Items, int Total)> ListAsync(int skip, int take, string? search = null, CancellationToken cancellationToken = default);
}
