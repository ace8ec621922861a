using Appliance.Mta.Dns;
using Appliance.Mta.Events;
using Appliance.Mta.Queue;
using Appliance.Mta.Shaping;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;
using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Delivery;

public sealed partial class DeliveryDispatcher
{
    /// <summary>
    /// Places a resolved item in the ready queue of its egress source and site: the pool comes from the tenant's
    /// stream, the source from the pool (weights, warmup caps), the limits from the shaper. A backoff in force holds
    /// (suspend), fails (bounce) or slows (throttle) it. Returns null when the item was put back or finished instead.
    /// </summary>
    private ReadyQueue? Place(QueueItem item, NextHopPlan plan)
    {
        var env = item.Message.Envelope;
        var provider = _shaper.ProviderOf(plan.SiteKey, item.Domain);
        var selection = _egress.Select(env.TenantId, env.Stream, provider, item.Recipients.Length);
        if (selection.Source is not { } source)
        {
            _outcomes.Report(new PostponedOutcome(item, selection.WaitUntil!.Value, selection.WaitReason!));
            return null;
        }
        var shaping = _shaper.Resolve(source.Name, plan.SiteKey, item.Domain);
        foreach (var backoff in _shaper.Backoff.For(source.Name, plan.SiteKey))
        {
            if (backoff.Action == BackoffAction.Throttle)
            {
                shaping = shaping.Throttled(backoff);
                continue;
            }
            _egress.Warmup.RecordSent(source.Name, provider, -item.Recipients.Length);
            ApplyBackoff(item, backoff);
            return null;
        }
        var ready = _ready.GetOrAdd($"{source.Name}->{plan.SiteKey}", _ => new ReadyQueue(source.Name, plan.SiteKey));
        ready.Source = source;
        ready.Plan = plan;
        ready.Shaping = shaping;
        item.RetryInterval = shaping.RetryInterval.Origin == LimitOrigin.Default ? null : shaping.RetryInterval.Value;
        return ready;
    }

    /// <summary>Suspend: back in the schedule until the backoff ends (no attempt counted). Bounce: fail now, permanently.</summary>
    private void ApplyBackoff(QueueItem item, ActiveBackoff backoff)
    {
        if (backoff.Action == BackoffAction.Suspend)
        {
            _outcomes.Report(new PostponedOutcome(item, backoff.Until, $"Suspended until {backoff.Until:u} by backoff rule {backoff.Rule} after: {backoff.TriggerResponse}"));
            return;
        }
        // RFC 3463 X.4.0 (routing status, other): the destination keeps refusing; this rule says stop trying.
        var reply = new SmtpReply(554, new EnhancedStatusCode(5, 4, 0), [$"Bounced by backoff rule {backoff.Rule} after: {backoff.TriggerResponse}"]);
        _outcomes.Report(AttemptOutcome.Uniform(item, reply, AttemptInfo.None with { Site = item.Site }));
    }

    /// <summary>Items waiting in a queue whose destination a suspend or bounce backoff just stopped.</summary>
    private bool DrainIfStopped(ReadyQueue ready)
    {
        var stop = _shaper.Backoff.For(ready.EgressSource, ready.Site).FirstOrDefault(b => b.Action != BackoffAction.Throttle);
        if (stop is null) return false;
        while (ready.TryDequeue(out var item))
        {
            if (item.Cancel != CancelAction.None) _outcomes.Report(new CancelledOutcome(item));
            else ApplyBackoff(item, stop);
        }
        return true;
    }

    /// <summary>
    /// Waits for this queue's next rate slot, shared by its connections and, when the host shares limits, by the same
    /// queue on every node of the cluster (<see cref="IThrottleStore"/>); false when stopping.
    /// </summary>
    private async Task<bool> AwaitRateAsync(ReadyQueue ready) =>
        await ReserveRateAsync(ready).ConfigureAwait(false) is { } due && await WaitUntilAsync(due).ConfigureAwait(false);

    /// <summary>
    /// Reserves this queue's next rate slot without waiting for it: when it falls due
    /// (<see cref="DateTimeOffset.MinValue"/> when it is due now or there is no rate); null when stopping.
    /// </summary>
    private async Task<DateTimeOffset?> ReserveRateAsync(ReadyQueue ready)
    {
        var shaping = ready.Shaping;
        if (shaping?.MessageRate.Value is not { } rate) return DateTimeOffset.MinValue;
        foreach (var b in _shaper.Backoff.For(ready.EgressSource, ready.Site)) shaping = shaping.Throttled(b);
        try
        {
            var wait = await _throttles.ReserveAsync(ready.Name, shaping.MessageRate.Value ?? rate, _stopping.Token).ConfigureAwait(false);
            return wait <= TimeSpan.Zero ? DateTimeOffset.MinValue : _time.GetUtcNow() + wait;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits until a reserved rate slot falls due; false when stopping.</summary>
    private async Task<bool> WaitUntilAsync(DateTimeOffset due)
    {
        if (due == DateTimeOffset.MinValue) return true;
        var wait = due - _time.GetUtcNow();
        if (wait <= TimeSpan.Zero) return true;
        try
        {
            await Task.Delay(wait, _time, _stopping.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A suspend or bounce backoff stops this queue's destination now.</summary>
    private bool IsStopped(ReadyQueue ready) =>
        _shaper.Backoff.For(ready.EgressSource, ready.Site).Any(b => b.Action != BackoffAction.Throttle);

    /// <summary>
    /// Feeds a peer's reply to the backoff rules; a rule that fires is logged and raised as an Alert event. Only replies
    /// that can say something about the sender count: a category that does not feed reputation (an invalid recipient, a
    /// full mailbox, a connection failure) is not a reason to slow a source down; an uncategorized reply is left to the
    /// rule's own pattern.
    /// </summary>
    private void Observe(ReadyQueue ready, SmtpReply? reply)
    {
        if (reply is null || reply.IsPositive || ready.Shaping is not { } shaping || shaping.BackoffRules.Count == 0) return;
        var verdict = _classifier.Classify(reply.Code, reply.Enhanced?.ToString(), reply.Text);
        if (!verdict.Action.FeedsReputation && verdict.Category != Bounces.Classification.BounceCategory.Uncategorized) return;
        foreach (var fired in _shaper.Backoff.Observe(ready.EgressSource, ready.Site, shaping.BackoffRules, reply.ToString()))
        {
            DeliveryLog.BackoffFired(_logger, fired.Rule, fired.Action.ToString(), fired.Key, fired.Until, fired.Matches, fired.TriggerResponse);
            _events?.Write(new MtaEvent
            {
                Type = MtaEventType.Alert, Timestamp = _time.GetUtcNow(), Queue = ready.Name, Site = ready.Site, EgressSource = ready.EgressSource,
                Response = fired.TriggerResponse, Code = reply.Code, EnhancedCode = reply.Enhanced?.ToString(),
                Detail = $"backoff {fired.Rule}: {fired.Action.ToString().ToLowerInvariant()} {fired.Scope.ToString().ToLowerInvariant()} {fired.Key} until {fired.Until:u}",
            });
        }
    }

    /// <summary>
    /// Counts the attempt's outcomes per source and provider (warmup volumes and automatic holds). A permanent failure
    /// counts as a reputation bounce only when its category feeds reputation; otherwise as a list-hygiene bounce.
    /// </summary>
    private void RecordVolume(ReadyQueue ready, IReadOnlyList<SmtpReply> replies)
    {
        int delivered = 0, bounced = 0, deferred = 0, hygiene = 0;
        foreach (var r in replies)
        {
            switch (ReplyClassifier.Classify(r))
            {
                case DeliveryVerdict.Delivered: delivered++; break;
                case DeliveryVerdict.Permanent when _classifier.Classify(r.Code, r.Enhanced?.ToString(), r.Text).Action.FeedsReputation: bounced++; break;
                case DeliveryVerdict.Permanent: hygiene++; break;
                default: deferred++; break;
            }
        }
        var provider = ready.Shaping?.Provider;
        if (delivered > 0) _egress.Warmup.RecordDelivered(ready.EgressSource, provider, delivered);
        if (bounced > 0) _egress.Warmup.RecordBounced(ready.EgressSource, provider, bounced);
        if (deferred > 0) _egress.Warmup.RecordDeferred(ready.EgressSource, provider, deferred);
        if (hygiene > 0) _egress.Warmup.RecordHygieneBounced(ready.EgressSource, provider, hygiene);
    }
}
