using Appliance.Mta.Diagnostics;
using Appliance.Mta.Messages;
using Appliance.Mta.Reception;
using Appliance.Mta.Smtp;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Dkim;

/// <summary>
/// Signs outgoing mail with the keys of its From: domain (RFC 6376, RFC 8463 dual signing), as the last reception
/// step so it signs the final bytes. The DKIM-Signature fields are prepended; the message's bytes are not changed.
/// A From: domain the tenant does not own is refused under <see cref="FromDomainEnforcement.Reject"/>, otherwise sent
/// unsigned. Bad input never throws out of the filter: it is logged and passed on.
/// The host registers it (<c>services.AddSingleton&lt;IReceptionFilter, DkimSigningFilter&gt;()</c>) together with
/// its <see cref="IDkimKeyProvider"/>.
/// </summary>
public sealed class DkimSigningFilter(IDkimKeyProvider keys, TimeProvider time, ILogger<DkimSigningFilter> logger) : IReceptionFilter
{
    private readonly DkimMessageSigner _signer = new(time);
    private readonly LogThrottle _notOwnedLog = new(time, TimeSpan.FromHours(1));

    /// <inheritdoc />
    public int Order => 900;

    /// <inheritdoc />
    public ValueTask<ReceptionVerdict> FilterAsync(ReceptionMessage message, CancellationToken cancellationToken)
    {
        var envelope = message.Envelope;
        // A node handing over its queue signed the message already (issue 19, draining).
        if (envelope.Inbound || envelope.IsDsn || envelope.HandedOver) return ValueTask.FromResult(ReceptionVerdict.Continue);
        // The keys are a preloaded snapshot: ready at once except in the moment between the listener's start and the
        // host's first load, which is awaited here (never blocked on).
        var ready = keys.WhenReadyAsync(cancellationToken);
        return ready.IsCompletedSuccessfully
            ? ValueTask.FromResult(Filter(message, envelope.TenantId))
            : FilterWhenReadyAsync(ready, message, envelope.TenantId);
    }

    private async ValueTask<ReceptionVerdict> FilterWhenReadyAsync(ValueTask ready, ReceptionMessage message, string tenantId)
    {
        await ready.ConfigureAwait(false);
        return Filter(message, tenantId);
    }

    private ReceptionVerdict Filter(ReceptionMessage message, string tenantId)
    {
        // A tenant with no signing key at all gets the same verdict whatever its From: says, unless it is held to
        // Reject: no MIME parse for it (the relay's hot path for tenants without sending domains). Said once an hour.
        if (!keys.HasKeysFor(tenantId) && keys.EnforcementFor(tenantId) != FromDomainEnforcement.Reject)
        {
            if (_notOwnedLog.ShouldLog(tenantId)) DkimSigningLog.NoSigningDomain(logger, tenantId);
            return ReceptionVerdict.Continue;
        }
        string? domain = null;
        try
        {
            DkimParsedMessage? parsed = null;
            if (DkimParsedMessage.TryParse(message.Content, message.Spill, out var p)) parsed = p;
            domain = parsed is null ? null : DkimFromDomain.Find(parsed);
            if (parsed is null || domain is null)
            {
                DkimSigningLog.NoFromDomain(logger, tenantId);
                return Refuse(tenantId, "the message has no From: domain");
            }
            var plan = keys.Find(tenantId, domain);
            if (plan is null || plan.Keys.Count == 0)
            {
                var verdict = Refuse(tenantId, $"From: domain {domain} is not a sending domain of this account");
                // Once an hour per tenant and domain: a tenant sending for a foreign domain does so with every message.
                if (!verdict.IsStop && _notOwnedLog.ShouldLog(tenantId + "\n" + domain))
                    DkimSigningLog.NotOwned(logger, domain, tenantId, keys.EnforcementFor(tenantId));
                return verdict;
            }
            var fields = _signer.Sign(parsed, plan);
            if (fields.Length > 0)
            {
                message.Content = DkimMessageSigner.Prepend(fields, message.Content);
                // The DKIM-Signature fields go on top of the Reception event's header summary too (RFC 6376 §5.6).
                if (message.Envelope.ReceptionHeaders is { } summary)
                    message.Envelope = message.Envelope with { ReceptionHeaders = ReceptionHeaderCollector.Insert(summary, 0, fields) };
            }
            return ReceptionVerdict.Continue;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            DkimSigningLog.SigningFailed(logger, e, domain ?? "(none)", tenantId);
            return ReceptionVerdict.Continue;
        }
    }

    /// <summary>Under <see cref="FromDomainEnforcement.Reject"/>: 550 5.7.1, delivery not authorized (RFC 3463
    /// §3.8, as RFC 7372 §3.3 uses it for an author domain that fails policy); otherwise go on unsigned.</summary>
    private ReceptionVerdict Refuse(string tenantId, string reason)
    {
        if (keys.EnforcementFor(tenantId) != FromDomainEnforcement.Reject) return ReceptionVerdict.Continue;
        DkimSigningLog.Rejected(logger, tenantId, reason);
        return ReceptionVerdict.Stop(new SmtpReply(550, "5.7.1", reason));
    }
}
