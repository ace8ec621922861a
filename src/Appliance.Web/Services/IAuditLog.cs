using Appliance.Web.Data.Entities;

namespace Appliance.Web.Services;

/// <summary>Records changes (who, when, what, before and after) and pages through them, newest first.</summary>
public interface IAuditLog
{
    /// <summary>Stores one entry; <paramref name="before"/> and <paramref name="after"/> are serialised to JSON (never pass secrets).</summary>
    Task RecordAsync(string actor, string action, string target, object? before, object? after, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds the entry to <paramref name="db"/> without saving: the caller's next <c>SaveChangesAsync</c> (inside its
    /// transaction, if it has one) stores the change and its entry together, or neither.
    /// </summary>
    void Add(Data.ApplianceDbContext db, string actor, string action, string target, object? before, object? after);

    /// <summary>
    /// Saves <paramref name="db"/>'s pending changes and the entry in one transaction: both or neither.
    /// <paramref name="after"/> is evaluated once the change is saved, so it may show generated ids.
    /// </summary>
    Task SaveChangesAsync(Data.ApplianceDbContext db, string actor, string action, string target, object? before, Func<object?> after, CancellationToken cancellationToken = default);

    /// <summary>
    /// As the other overload, with <paramref name="target"/> also evaluated once the change is saved, so it may name a
    /// generated id (a database-assigned key is a temporary value before the save).
    /// </summary>
    Task SaveChangesAsync(Data.ApplianceDbContext db, string actor, string action, Func<string> target, object? before, Func<object?> after, CancellationToken cancellationToken = default);

    /// <summary>Entries newest first, with the total count for paging.</summary>
    Task<(IReadOnlyList<AuditEntry> Items, int Total)> ListAsync(int skip, int take, string? search = null, CancellationToken cancellationToken = default);
}
