using Appliance.Mta.Suppression;
using Appliance.Web.Modules.Suppressions;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Suppressions;

/// <summary>
/// A suppression added or imported and its audit row are stored in one transaction; the engine's index learns the
/// entries only once both are stored, so a failed write suppresses nobody.
/// </summary>
public sealed class SuppressionAuditTests : IDisposable
{
    private readonly ApplianceFactory _app = new();

    public void Dispose() => _app.Dispose();

    private SuppressionService Service => _app.Services.CreateScope().ServiceProvider.GetRequiredService<SuppressionService>();

    private SuppressionList List => _app.Services.GetRequiredService<SuppressionList>();

    [Fact]
    public async Task A_refused_audit_row_leaves_no_added_suppression_in_the_table_or_the_index()
    {
        await RefusedWrites.RefuseAsync(_app, "AuditLog");

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Service.AddAsync(new AddSuppressionRequest("refused@example.org"), "admin@example.com"));

        await using var db = _app.CreateDbContext();
        Assert.False(await db.Suppressions.AnyAsync());
        Assert.Null(List.Find("refused@example.org", null, null));
    }

    [Fact]
    public async Task A_refused_suppression_row_leaves_no_add_audit_row()
    {
        await RefusedWrites.RefuseAsync(_app, "Suppressions");

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Service.AddAsync(new AddSuppressionRequest("refused@example.org"), "admin@example.com"));

        await using var db = _app.CreateDbContext();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == "suppression.add"));
        Assert.Null(List.Find("refused@example.org", null, null));
    }

    [Fact]
    public async Task A_refused_audit_row_leaves_nothing_of_an_import()
    {
        // More lines than one write batch (1000), so an earlier batch has been written when the audit row is refused.
        var csv = string.Join("\n", Enumerable.Range(0, 1500).Select(i => $"import{i}@example.org"));
        await RefusedWrites.RefuseAsync(_app, "AuditLog");

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Service.ImportAsync(new StringReader(csv), "admin@example.com"));

        await using var db = _app.CreateDbContext();
        Assert.False(await db.Suppressions.AnyAsync());
        Assert.Null(List.Find("import0@example.org", null, null));
        Assert.Null(List.Find("import1499@example.org", null, null));
    }

    [Fact]
    public async Task Without_failures_an_import_is_stored_indexed_and_audited_once()
    {
        var csv = string.Join("\n", Enumerable.Range(0, 1500).Select(i => $"import{i}@example.org")) + "\nnot-an-address\n";

        var report = await Service.ImportAsync(new StringReader(csv), "admin@example.com");

        Assert.Equal(1500, report.Imported);
        Assert.Equal(1, report.Rejected);
        await using var db = _app.CreateDbContext();
        Assert.Equal(1500, await db.Suppressions.CountAsync());
        Assert.NotNull(List.Find("import1499@example.org", null, null));
        Assert.Single(await db.AuditLog.Where(a => a.Action == "suppression.import").ToListAsync());
    }
}
