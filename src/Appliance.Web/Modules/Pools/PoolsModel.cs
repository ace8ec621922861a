using Appliance.Web.Data;
using Appliance.Web.Modules.Pools.Egress;
using Appliance.Web.Modules.Pools.Shaping;
using Appliance.Web.Modules.Pools.Warmup;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Modules.Pools;

/// <summary>
/// The pools module's tables: egress sources, pools and members, tenant assignments and settings (the engine's
/// <c>EgressPlan</c>), shaping overrides, warmup plans, attachments and daily volumes.
/// </summary>
public sealed class PoolsModel : ModuleModel
{
    public override void Configure(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<EgressSourceRecord>(b =>
        {
            b.ToTable("EgressSources");
            b.HasKey(s => s.Name);
            b.Property(s => s.Name).HasMaxLength(64).UseCollation(ProviderModel.CaseInsensitive);
            b.Property(s => s.BindAddress).HasMaxLength(64);
            b.Property(s => s.EhloName).HasMaxLength(253);
            b.Property(s => s.Node).HasMaxLength(64);
        });
        modelBuilder.Entity<EgressPoolRecord>(b =>
        {
            b.ToTable("EgressPools");
            b.HasKey(p => p.Name);
            b.Property(p => p.Name).HasMaxLength(64).UseCollation(ProviderModel.CaseInsensitive);
            b.HasMany(p => p.Members).WithOne().HasForeignKey(m => m.PoolName).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<EgressPoolMemberRecord>(b =>
        {
            b.ToTable("EgressPoolMembers");
            b.HasKey(m => new { m.PoolName, m.Source });
            b.Property(m => m.Source).HasMaxLength(64);
        });
        modelBuilder.Entity<PoolAssignmentRecord>(b =>
        {
            b.ToTable("PoolAssignments");
            b.Property(a => a.TenantId).HasMaxLength(64);
            b.Property(a => a.Stream).HasMaxLength(32);
            b.Property(a => a.Pool).HasMaxLength(64);
            b.HasIndex(a => new { a.TenantId, a.Stream }).IsUnique();
        });
        modelBuilder.Entity<EgressSettingsRecord>(b =>
        {
            b.ToTable("EgressSettings");
            b.Property(s => s.Id).ValueGeneratedNever();
            b.Property(s => s.DefaultPool).HasMaxLength(64);
            b.Property(s => s.Overflow).HasConversion<string>().HasMaxLength(32);
        });
        modelBuilder.Entity<ShapingOverrideRecord>(b =>
        {
            b.ToTable("ShapingOverrides");
            b.HasKey(o => o.Name);
            b.Property(o => o.Name).HasMaxLength(100).UseCollation(ProviderModel.CaseInsensitive);
        });
        modelBuilder.Entity<WarmupPlanRecord>(b =>
        {
            b.ToTable("WarmupPlans");
            b.Property(p => p.Name).HasMaxLength(100);
            b.HasIndex(p => p.Name).IsUnique();
        });
        modelBuilder.Entity<WarmupAttachmentRecord>(b =>
        {
            b.ToTable("WarmupAttachments");
            b.Property(a => a.Source).HasMaxLength(64);
            b.Property(a => a.Provider).HasMaxLength(100);
            b.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
            b.Property(a => a.HoldReason).HasMaxLength(500);
            b.HasIndex(a => new { a.Source, a.Provider }).IsUnique();
        });
        modelBuilder.Entity<WarmupDayRecord>(b =>
        {
            b.ToTable("WarmupDays");
            b.HasKey(d => new { d.Day, d.Source, d.Provider });
            b.Property(d => d.Source).HasMaxLength(64);
            b.Property(d => d.Provider).HasMaxLength(100);
            b.Ignore(d => d.BounceRate);
            b.Ignore(d => d.ComplaintRate);
        });
    }
}
