using System.Buffers;
using Appliance.Mta.Configuration;
using Appliance.Mta.Messages;
using Appliance.Web.Data;
using Appliance.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Services.TenantLimits;

/// <summary>
/// Mails each quota warning (80 % and 100 %, once per window period: <see cref="TenantRateLimiter"/> decides) to every
/// TenantAdmin of the tenant, one message each, through the appliance's own queue (<see cref="IMessageSink"/>, like
/// invitations and alert digests). The mail is <see cref="MessageEnvelope.SystemGenerated"/> in the default tenant, so
/// no tenant's quota counts it: the 100 % warning goes out although the tenant is full.
/// </summary>
public sealed partial class TenantQuotaMailer(
    TenantQuotaMailQueue queue,
    IDbContextFactory<ApplianceDbContext> dbFactory,
    IMessageSink sink,
    IOptions<TenantQuotaMailOptions> options,
    IOptions<MtaOptions> mta,
    TimeProvider time,
    ILogger<TenantQuotaMailer> logger) : BackgroundService
{
    public const string AuthUser = "system:quota-warning";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var warning in queue.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await SendAsync(warning, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, warning.TenantId, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Mails <paramref name="warning"/> to the tenant's admins; returns how many mails the queue accepted.</summary>
    public async Task<int> SendAsync(TenantQuotaWarning warning, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(warning);
        if (!options.Value.MailTenantAdmins) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenantName = await db.Tenants.AsNoTracking().Where(t => t.Id == warning.TenantId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        if (tenantName is null) return 0;
        var adminRole = db.Roles.Where(r => r.Name == ApplianceRoles.TenantAdmin).Select(r => r.Id);
        var admins = await db.Users.AsNoTracking()
            .Where(u => u.TenantId == warning.TenantId && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && adminRole.Contains(ur.RoleId)))
            .Select(u => u.Email!)
            .ToListAsync(ct);
        if (admins.Count == 0) return 0;

        var host = mta.Value.Hostname;
        var from = string.IsNullOrWhiteSpace(options.Value.From) ? "appliance-quota@" + host : options.Value.From.Trim();
        var now = time.GetUtcNow();
        var sent = 0;
        foreach (var to in admins.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            var bytes = TenantQuotaMail.Compose(warning, tenantName, from, to, host, now);
            var envelope = new MessageEnvelope
            {
                MailFrom = from,
                Recipients = [new EnvelopeRecipient(to)],
                TenantId = mta.Value.DefaultTenant,
                ReceivedAt = now,
                ClientAddress = "127.0.0.1",
                AuthUser = AuthUser,
                SystemGenerated = true,
            };
            var reply = await sink.AcceptAsync(envelope, new ReadOnlySequence<byte>(bytes), ct);
            if (reply.IsPositive)
            {
                sent++;
                LogSent(logger, warning.Percent, warning.TenantId, to);
            }
            else
            {
                LogRefused(logger, to, reply.ToString());
            }
        }
        return sent;
    }

    [LoggerMessage(3614, LogLevel.Information, "Quota warning ({Percent} %) of tenant {Tenant} queued for its admin {To}")]
    private static partial void LogSent(ILogger logger, int percent, string tenant, string to);

    [LoggerMessage(3615, LogLevel.Warning, "Quota warning mail to {To} refused by the queue: {Reply}")]
    private static partial void LogRefused(ILogger logger, string to, string reply);

    [LoggerMessage(3616, LogLevel.Warning, "Quota warning mail of tenant {Tenant} could not be sent")]
    private static partial void LogFailed(ILogger logger, string tenant, Exception ex);
}
