using System.Net;
using System.Text;
using Appliance.Mta.Configuration;
using Appliance.Mta.Hosting;
using Appliance.Mta.Queue;
using Appliance.Mta.Smtp.Client;
using Appliance.Web.Cluster.Nodes;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Cluster.Drain;

/// <summary>
/// Drains this node (issue 19, "Draining a node"; docs/cluster.md): new SMTP connections get 421 4.3.2 and HTTP
/// injection 503, delivery is suspended, and every queued message is handed to the other live nodes of the registry
/// over SMTP with its envelope (MAIL FROM with RET/ENVID/BODY/SMTPUTF8, every pending RCPT TO with NOTIFY/ORCPT), its
/// tenant (the internal AUTH identity <see cref="HandoverCredentials"/>, unlocked by the cluster secret), its campaign
/// and stream (X-Campaign / X-Stream, which the peer reads and strips). A message leaves this node's spool only after
/// the peer's 250 for its recipients (<see cref="QueueHandover.Complete"/>); a failed hand-over leaves it queued and
/// is retried on another peer. The drain runs until cancelled: the node stays closed to new mail, and anything that
/// reaches its queue later (a DSN) is handed over too.
/// </summary>
public sealed class NodeDrainService(
    QueueHandover handover,
    MtaEngineHostedService engine,
    NodeDrainState state,
    INodeRegistry registry,
    IOptions<ClusterOptions> options,
    IMtaSettings settings,
    TimeProvider time,
    ILogger<NodeDrainService> logger) : IAsyncDisposable
{
    /// <summary>Messages claimed per round.</summary>
    public const int BatchSize = 200;

    private static readonly ClientTimeouts Timeouts = ClientTimeouts.All(TimeSpan.FromSeconds(30));
    private readonly Lock _sync = new();
    private CancellationTokenSource? _cts;
    private Task? _run;
    private List<ScheduledQueue> _suspended = [];

    private string NodeName => options.Value.EffectiveNodeName;

    /// <summary>The drain's status as of now.</summary>
    public DrainStatus Status => state.Snapshot(NodeName, handover.Queued);

    /// <summary>Starts draining: refuses new mail at once and hands the queue over in the background.</summary>
    public DrainStart Start()
    {
        if (!options.Value.Enabled) return DrainStart.NotClustered;
        if (!options.Value.HasSecret) return DrainStart.NoSecret;
        lock (_sync)
        {
            if (!state.TryBegin(time.GetUtcNow())) return DrainStart.AlreadyDraining;
            if (!engine.SetDraining(true))
            {
                state.End();
                return DrainStart.NotReady;
            }
            _cts = new CancellationTokenSource();
            var token = _cts.Token;
            _run = Task.Run(() => RunAsync(token), CancellationToken.None);
        }
        ClusterDrainLog.Started(logger, NodeName, handover.Queued);
        return DrainStart.Started;
    }

    /// <summary>Stops draining: the node accepts mail again and delivers what is still queued itself.</summary>
    public async Task<DrainStatus> CancelAsync()
    {
        Task? run;
        lock (_sync)
        {
            if (!state.Draining) return Status;
            _cts?.Cancel();
            run = _run;
        }
        if (run is not null) await run.ConfigureAwait(false);
        lock (_sync)
        {
            handover.ResumeAll(_suspended);
            _suspended = [];
            engine.SetDraining(false);
            state.End();
            _cts?.Dispose();
            _cts = null;
            _run = null;
        }
        ClusterDrainLog.Cancelled(logger, NodeName, handover.Queued);
        return Status;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            _suspended.AddRange(handover.SuspendAll());
            // A scheduler pass that read a queue as not suspended just before finishes within this pause; its items
            // go to delivery here, and the loop waits for them (a message is claimed only when no item is in flight).
            await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
            var finished = false;
            var lastWait = "";
            while (!ct.IsCancellationRequested)
            {
                _suspended.AddRange(handover.SuspendAll());
                if (handover.Queued == 0)
                {
                    if (!finished)
                    {
                        finished = true;
                        state.Finish(time.GetUtcNow());
                        ClusterDrainLog.Finished(logger, NodeName, Status.HandedOver);
                    }
                    await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
                    continue;
                }
                finished = false;
                var peers = await PeersAsync(ct);
                if (peers.Count == 0)
                {
                    Wait(ref lastWait, "no other live node in the registry to hand over to");
                    await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
                    continue;
                }
                var claims = handover.Claim(BatchSize);
                if (claims.Count == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct); // items still in delivery
                    continue;
                }
                var failedAll = true;
                var round = 0;
                foreach (var group in claims.GroupBy(c => c.Message.Envelope.TenantId, StringComparer.Ordinal))
                {
                    var left = group.ToList();
                    for (var attempt = 0; attempt < peers.Count && left.Count > 0; attempt++)
                    {
                        var peer = peers[(round + attempt) % peers.Count];
                        var before = left.Count;
                        left = await HandOverAsync(peer, group.Key, left, ct);
                        if (left.Count < before) failedAll = false;
                    }
                    round++;
                    foreach (var claim in left) handover.Release(claim);
                }
                if (failedAll) await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
                else
                {
                    state.SetError(null);
                    lastWait = "";
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void Wait(ref string last, string reason)
    {
        state.SetError(reason);
        if (reason == last) return;
        last = reason;
        ClusterDrainLog.Waiting(logger, NodeName, reason);
    }

    /// <summary>
    /// Sends <paramref name="claims"/> (all of <paramref name="tenant"/>) to <paramref name="peer"/> on one connection
    /// authenticated as the tenant's hand-over identity; returns the claims it did not hand over (still claimed).
    /// </summary>
    private async Task<List<HandoverClaim>> HandOverAsync(HandoverPeer peer, string tenant, List<HandoverClaim> claims, CancellationToken ct)
    {
        var request = new ConnectRequest(peer.Relay, peer.Name, null, settings.Current.Hostname, TlsMode.Opportunistic,
            HandoverCredentials.UsernameFor(tenant), options.Value.Secret, Timeouts) { Time = time };
        var outcome = await SmtpClientConnection.ConnectAsync(request, ct);
        if (outcome.Connection is not { } connection)
        {
            Fail(peer, outcome.Failure?.ToString() ?? "connection failed");
            return claims;
        }
        await using (connection)
        {
            // Without AUTH the peer would take the mail as its default tenant: never send unauthenticated.
            if (connection.Capabilities.AuthMechanisms.Count == 0)
            {
                Fail(peer, "the relay listener offers no AUTH");
                return claims;
            }
            var left = new List<HandoverClaim>();
            for (var i = 0; i < claims.Count; i++)
            {
                var claim = claims[i];
                if (!connection.IsUsable)
                {
                    left.AddRange(claims.Skip(i));
                    break;
                }
                try
                {
                    var result = await connection.SendAsync(Build(claim), ct);
                    var accepted = new HashSet<int>();
                    for (var k = 0; k < claim.RecipientIndices.Count; k++)
                        if (result.PerRecipient[k].Code / 100 == 2) accepted.Add(claim.RecipientIndices[k]);
                    if (accepted.Count == 0)
                    {
                        Fail(peer, result.PerRecipient.FirstOrDefault()?.ToString() ?? "refused");
                        left.Add(claim);
                        continue;
                    }
                    handover.Complete(claim, accepted, peer.Name);
                    state.AddHandedOver(1);
                }
                catch (Exception ex) when (ex is SmtpProtocolException or IOException or InvalidOperationException)
                {
                    // The link broke mid-transaction: the message stays here (the peer may hold a copy: in flight).
                    Fail(peer, ex.Message);
                    left.AddRange(claims.Skip(i));
                    break;
                }
            }
            if (connection.IsUsable)
            {
                try
                {
                    await connection.QuitAsync(ct);
                }
                catch (Exception ex) when (ex is SmtpProtocolException or IOException)
                {
                    // the hand-over is settled by then
                }
            }
            return left;
        }
    }

    private void Fail(HandoverPeer peer, string reason)
    {
        state.SetError($"{peer.Name}: {reason}");
        ClusterDrainLog.HandoverFailed(logger, peer.Name, reason);
    }

    /// <summary>
    /// The envelope as accepted, restricted to the pending recipients; the content as spooled with X-Campaign and
    /// X-Stream put back on top (the server strips them again and files the message under them).
    /// </summary>
    private OutboundMessage Build(HandoverClaim claim)
    {
        var env = claim.Message.Envelope;
        var prefix = new StringBuilder();
        if (!string.IsNullOrEmpty(env.Campaign)) prefix.Append("X-Campaign: ").Append(env.Campaign).Append("\r\n");
        if (!string.IsNullOrEmpty(env.Stream)) prefix.Append("X-Stream: ").Append(env.Stream).Append("\r\n");
        using var content = handover.ReadContent(claim);
        var head = Encoding.UTF8.GetBytes(prefix.ToString());
        var bytes = new byte[head.Length + content.Memory.Length];
        head.CopyTo(bytes, 0);
        content.Memory.Span.CopyTo(bytes.AsSpan(head.Length));
        return new OutboundMessage(env.MailFrom, claim.Recipients, bytes, env.EnvId, env.Ret, env.Body, env.SmtpUtf8);
    }

    /// <summary>The other live nodes that are not draining, with a usable relay endpoint.</summary>
    private async Task<IReadOnlyList<HandoverPeer>> PeersAsync(CancellationToken ct)
    {
        var peers = new List<HandoverPeer>();
        foreach (var node in await registry.ListAsync(ct))
        {
            if (node.Name == NodeName || node.Draining) continue;
            if (node.Listeners.FirstOrDefault(l => l.Name == "relay") is not { } relay || !IPEndPoint.TryParse(relay.Endpoint, out var endpoint)) continue;
            if (endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                // A wildcard listener: reach the node by its name (the host name by default).
                try
                {
                    var addresses = await Dns.GetHostAddressesAsync(node.Name, ct);
                    if (addresses.Length == 0) continue;
                    endpoint = new IPEndPoint(addresses[0], endpoint.Port);
                }
                catch (System.Net.Sockets.SocketException)
                {
                    continue;
                }
            }
            peers.Add(new HandoverPeer(node.Name, endpoint));
        }
        return peers;
    }

    public async ValueTask DisposeAsync()
    {
        Task? run;
        lock (_sync)
        {
            _cts?.Cancel();
            run = _run;
        }
        if (run is not null) await run.ConfigureAwait(false);
        _cts?.Dispose();
    }
}
