using Appliance.Mta.Events;
using Appliance.Web.Data;
using Appliance.Web.Modules.Domains.Entities;
using Appliance.Web.Modules.Domains.Services;
using Appliance.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Domains.Rotation;

/// <summary>
/// Runs the key rotation state machine (<see cref="RotationSteps"/>) of every domain: started by the schedule or by
/// "rotate now", advanced by the scan job (DNS verification, switch, grace period, retirement). All time comes from
/// <see cref="TimeProvider"/>; every transition is audited and the signer's snapshot reloaded.
/// </summary>
public sealed class DkimRotationService(
    IDbContextFactory<ApplianceDbContext> dbFactory,
    DkimKeyFactory keyFactory,
    DkimRecordProbe probe,
    DomainKeySnapshot snapshot,
    IEventSink events,
    IAuditLog audit,
    TimeProvider time,
    IOptions<DkimOptions> options,
    ILogger<DkimRotationService> logger)
{
    /// <summary>"Rotate now": steps 1-2 at once, then whatever DNS already allows (step 3-4).</summary>
    public async Task<ServiceResult<bool>> RotateNowAsync(string domain, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var d = await db.Domains.Include(x => x.Keys).FirstOrDefaultAsync(x => x.Name == domain.ToLowerInvariant(), ct);
        if (d is null) return ServiceResult<bool>.NotFound($"Sending domain '{domain}' does not exist.");
        if (d.Phase != RotationPhase.Stable)
            return ServiceResult<bool>.Conflict(d.Phase == RotationPhase.AwaitingPublication
                ? $"A rotation of '{d.Name}' is waiting for its DNS record (deadline {d.PublishDeadline:u})."
                : $"A rotation of '{d.Name}' is in its grace period until {d.GraceEndsAt:u}.");
        Begin(d, time.GetUtcNow());
        await audit.SaveChangesAsync(db, actor, "dkim.rotate", d.Name, null, () => PendingSelectors(d), ct);
        await AdvanceAsync(db, d, ct);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>One pass over every domain (the Quartz job); returns how many transitions happened.</summary>
    public async Task<int> ScanAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Domains.Select(d => d.Id).ToListAsync(ct);
        var transitions = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var d = await db.Domains.Include(x => x.Keys).FirstOrDefaultAsync(x => x.Id == id, ct);
            if (d is null) continue;
            if (d.Phase == RotationPhase.Stable && time.GetUtcNow() >= d.NextRotationAt)
            {
                Begin(d, time.GetUtcNow());
                await audit.SaveChangesAsync(db, AuditActors.System, "dkim.rotate", d.Name, null, () => PendingSelectors(d), ct);
                transitions++;
            }
            transitions += await AdvanceAsync(db, d, ct);
        }
        return transitions;
    }

    /// <summary>Steps 3-6 as far as DNS and the clock allow.</summary>
    private async Task<int> AdvanceAsync(ApplianceDbContext db, SendingDomain d, CancellationToken ct)
    {
        var transitions = 0;
        var now = time.GetUtcNow();
        if (d.Phase == RotationPhase.AwaitingPublication)
        {
            var pending = d.Keys.Where(k => k.Status == DkimKeyStatus.Pending).ToList();
            var checks = new List<DkimRecordCheck>();
            foreach (var k in pending) checks.Add(await probe.CheckAsync(d.Name, k.Selector, k.TxtRecord, ct));
            if (checks.All(c => c.State == DkimRecordState.Published))
            {
                var retiring = Switch(d, pending, now);
                await audit.SaveChangesAsync(db, AuditActors.System, "dkim.switch", d.Name, retiring, () => pending.Select(k => k.Selector).ToList(), ct);
                await snapshot.ReloadAsync(ct);
                transitions++;
            }
            else if (now >= d.PublishDeadline && d.AlertRaisedAt is null)
            {
                d.AlertRaisedAt = now;
                await db.SaveChangesAsync(ct);
                var missing = string.Join("; ", checks.Where(c => c.State != DkimRecordState.Published).Select(c => c.Explanation));
                events.Write(new MtaEvent
                {
                    Type = MtaEventType.Alert, Timestamp = now, Tenant = d.TenantId,
                    Detail = $"DKIM rotation of {d.Name}: the new record is not published by the deadline {d.PublishDeadline:u}. {missing}",
                });
                DomainsLog.RecordNotPublished(logger, d.Name, d.PublishDeadline);
                transitions++;
            }
        }
        if (d.Phase == RotationPhase.GracePeriod && now >= d.GraceEndsAt)
        {
            var retired = Retire(d, now);
            await audit.SaveChangesAsync(db, AuditActors.System, "dkim.retire", d.Name, retired, () => null, ct);
            transitions++;
        }
        return transitions;
    }

    /// <summary>Steps 1 and 2: the next keys under new selectors, pending until their records are in DNS.</summary>
    private void Begin(SendingDomain d, DateTimeOffset now)
    {
        var used = d.Keys.Select(k => k.Selector).ToList();
        d.Keys.AddRange(keyFactory.Create(d.Algorithm, used, DkimKeyStatus.Pending, now));
        d.Phase = RotationPhase.AwaitingPublication;
        d.RotationStartedAt = now;
        d.PublishDeadline = now + options.Value.PublishDeadline;
        d.VerifiedAt = d.SwitchedAt = d.GraceEndsAt = d.AlertRaisedAt = null;
    }

    /// <summary>Steps 3 and 4: verified; sign with the pending keys; the active ones start their grace period.</summary>
    private List<string> Switch(SendingDomain d, List<DkimKey> pending, DateTimeOffset now)
    {
        var retiring = new List<string>();
        foreach (var k in d.Keys.Where(k => k.Status == DkimKeyStatus.Active))
        {
            k.Status = DkimKeyStatus.Retiring;
            retiring.Add(k.Selector);
        }
        foreach (var k in pending)
        {
            k.Status = DkimKeyStatus.Active;
            k.ActivatedAt = now;
        }
        d.Phase = RotationPhase.GracePeriod;
        d.VerifiedAt = d.SwitchedAt = now;
        d.GraceEndsAt = now + options.Value.GracePeriod;
        d.AlertRaisedAt = null;
        return retiring;
    }

    /// <summary>Step 6: the old keys are retired (their records may go); the next rotation is scheduled.</summary>
    private List<string> Retire(SendingDomain d, DateTimeOffset now)
    {
        var retired = new List<string>();
        foreach (var k in d.Keys.Where(k => k.Status == DkimKeyStatus.Retiring))
        {
            k.Status = DkimKeyStatus.Retired;
            k.RetiredAt = now;
            k.ProtectedPrivateKey = ""; // a retired private key is never needed again
            retired.Add(k.Selector);
        }
        d.Phase = RotationPhase.Stable;
        d.RetiredAt = now;
        d.NextRotationAt = now + options.Value.RotationInterval;
        return retired;
    }

    private static List<string> PendingSelectors(SendingDomain d) =>
        d.Keys.Where(k => k.Status == DkimKeyStatus.Pending).Select(k => k.Selector).ToList();
}
