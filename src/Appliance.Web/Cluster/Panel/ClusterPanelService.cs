using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Appliance.Mta.Events;
using Appliance.Web.Api;
using Appliance.Web.Api.Contracts;
using Appliance.Web.Cluster.Nodes;
using Appliance.Web.Services;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Cluster.Panel;

/// <summary>
/// One admin panel for the cluster: asks every live node of the registry (<see cref="INodeRegistry"/>) over its
/// internal API, in parallel, each with <see cref="ClusterOptions.FanOutTimeout"/>, and this node in process. A node
/// that does not answer comes back as a failed <see cref="NodeAnswer{T}"/> and never holds up the page. With cluster
/// mode off there is one node, this one, and nothing goes over the network. It does not decide who may ask: the
/// caller's tenant scope is applied here (a tenant sees its own rows), the node list is for global callers only
/// (EndpointAccessTable, the Nodes page's policy).
/// </summary>
public sealed class ClusterPanelService(
    INodeRegistry registry, LocalNodeQueries local, IHttpClientFactory http, IOptions<ClusterOptions> options, ILogger<ClusterPanelService> logger)
{
    /// <summary>The named HTTP client of the internal API (signs each request, <see cref="Internal.NodeSigningHandler"/>).</summary>
    public const string ClientName = "cluster-internal";

    /// <summary>True in cluster mode: pages show a node column.</summary>
    public bool IsCluster => options.Value.Enabled;

    /// <summary>This node's name.</summary>
    public string LocalName => options.Value.EffectiveNodeName;

    /// <summary>The nodes to ask: the registry's, plus this node when the registry cannot be read.</summary>
    public async Task<IReadOnlyList<NodeInfo>> NodesAsync(CancellationToken ct = default)
    {
        var nodes = (await registry.ListAsync(ct)).ToList();
        if (!nodes.Any(n => n.Name == LocalName)) nodes.Add(new NodeInfo(LocalName, "", DateTimeOffset.MinValue, 0, [], 0, false, DateTimeOffset.MinValue));
        return [.. nodes.OrderBy(n => n.Name, StringComparer.Ordinal)];
    }

    /// <summary>Every node's queue report (counters and busiest queues), by node name.</summary>
    public async Task<IReadOnlyList<NodeAnswer<NodeQueueReport>>> QueuesAsync(string? tenantScope, CancellationToken ct = default)
    {
        var query = tenantScope is null ? "" : "?tenant=" + Uri.EscapeDataString(tenantScope);
        return await FanOutAsync("the queue summary", ct,
            _ => Task.FromResult<NodeQueueReport?>(local.Queues(tenantScope)),
            (client, node, token) => client.GetFromJsonAsync<NodeQueueReport>(node.InternalUrl + "/api/v1/internal/queues" + query, NodeJson.Options, token));
    }

    /// <summary>
    /// Runs a queue operation on every node. Validation and the tenant rules are checked here first, once, with the
    /// texts of <see cref="QueueOperations"/>; each node then runs it on its own queue and audits it.
    /// </summary>
    public async Task<(QueueOperationOutcome Check, IReadOnlyList<NodeAnswer<QueueOperationResult>> Nodes)> OperateAsync(
        QueueViewOperation operation, QueueOperationRequest request, ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var own = TenantScope.Of(user);
        var filter = request.ToFilter();
        if (own is not null && !string.IsNullOrWhiteSpace(filter.Tenant) && filter.Tenant.Trim() != own)
            return (QueueOperationOutcome.Forbidden($"This API key cannot change tenant '{filter.Tenant}'."), []);
        var errors = QueueOperations.Validate(new QueueOperationCommand(operation, Normalised(filter), request.Reason, request.DryRun));
        if (errors.Count > 0) return (QueueOperationOutcome.Invalid(errors), []);

        var forwarded = new InternalQueueOperation(request, own, AuditActors.Of(user));
        var verb = QueueOperations.Verb(operation);
        var answers = await FanOutAsync($"queue {verb}", ct,
            async token => ToResult(await local.OperateAsync(operation, forwarded, LocalName, token)),
            async (client, node, token) =>
            {
                using var response = await client.PostAsJsonAsync(node.InternalUrl + "/api/v1/internal/queues/" + verb, forwarded, NodeJson.Options, token);
                if (!response.IsSuccessStatusCode)
                    throw new HttpRequestException($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(token)}", null, response.StatusCode);
                return await response.Content.ReadFromJsonAsync<QueueOperationResult>(NodeJson.Options, token);
            });
        var affected = answers.Where(a => a.Answered).Sum(a => a.Value!.Affected);
        return (QueueOperationOutcome.Done(affected, request.DryRun), answers);
    }

    /// <summary>
    /// One page of the nodes' event logs merged, newest first, each row with its node. Every node is asked for the
    /// first <paramref name="skip"/> + <paramref name="take"/> + 1 of its own matches, so the merged page is exact.
    /// </summary>
    public async Task<ClusterEventPage> SearchAsync(EventQuery query, int skip, int take, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        skip = Math.Clamp(skip, 0, MessageSearchService.MaxResults);
        take = Math.Clamp(take, 1, MessageSearchService.MaxResults - skip);
        var limit = Math.Min(skip + take + 1, MessageSearchService.MaxResults);
        var target = "/api/v1/internal/events" + EventQueryString(query, limit);
        var answers = await FanOutAsync("the event search", ct,
            async token => await local.SearchAsync(query, limit, token),
            (client, node, token) => client.GetFromJsonAsync<InternalEventPage>(node.InternalUrl + target, NodeJson.Options, token));
        var merged = answers.Where(a => a.Answered)
            .SelectMany(a => a.Value!.Events.Select(e => new NodeEvent(a.Node, e)))
            .OrderByDescending(e => e.Event.Timestamp)
            .ThenBy(e => e.Node, StringComparer.Ordinal)
            .ToList();
        var more = merged.Count > skip + take || answers.Any(a => a.Answered && a.Value!.More && a.Value.Events.Count >= limit);
        return new ClusterEventPage([.. merged.Skip(skip).Take(take)], more,
            [.. answers.Where(a => !a.Answered).Select(a => NodeAnswer<string>.Failed(a.Node, a.Error ?? "no answer"))]);
    }

    /// <summary>A message's detail from the first node whose queue or event log knows it (this node first), or null.</summary>
    public async Task<NodeAnswer<MessageSearchDetail>?> FindMessageAsync(string id, string? tenantScope, CancellationToken ct = default)
    {
        if (await local.DetailAsync(id, tenantScope, ct) is { } mine) return NodeAnswer<MessageSearchDetail>.Of(LocalName, mine);
        if (!IsCluster) return null;
        var query = tenantScope is null ? "" : "?tenant=" + Uri.EscapeDataString(tenantScope);
        var answers = await FanOutAsync("a message lookup", ct,
            _ => Task.FromResult<MessageSearchDetail?>(null),
            async (client, node, token) =>
            {
                using var response = await client.GetAsync(node.InternalUrl + "/api/v1/internal/messages/" + Uri.EscapeDataString(id) + query, token);
                if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<MessageSearchDetail>(NodeJson.Options, token);
            });
        return answers.FirstOrDefault(a => a.Answered);
    }

    private async Task<IReadOnlyList<NodeAnswer<T>>> FanOutAsync<T>(string what, CancellationToken ct,
        Func<CancellationToken, Task<T?>> self, Func<HttpClient, NodeInfo, CancellationToken, Task<T?>> remote) where T : class
    {
        var nodes = IsCluster ? await NodesAsync(ct) : [new NodeInfo(LocalName, "", DateTimeOffset.MinValue, 0, [], 0, false, DateTimeOffset.MinValue)];
        var client = http.CreateClient(ClientName);
        var timeout = options.Value.FanOutTimeout;
        return await Task.WhenAll(nodes.Select(async node =>
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            try
            {
                if (node.Name == LocalName)
                {
                    var mine = await self(cts.Token);
                    return mine is null ? NodeAnswer<T>.Failed(node.Name, "not found") : NodeAnswer<T>.Of(node.Name, mine);
                }
                if (string.IsNullOrEmpty(node.InternalUrl)) return Fail(node.Name, what, "no internal URL in its registry entry");
                var value = await remote(client, node, cts.Token);
                return value is null ? NodeAnswer<T>.Failed(node.Name, "not found") : NodeAnswer<T>.Of(node.Name, value);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return Fail(node.Name, what, $"no answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
            }
            catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or NotSupportedException)
            {
                return Fail(node.Name, what, ex.Message);
            }
        }));

        NodeAnswer<T> Fail(string node, string about, string reason)
        {
            ClusterPanelLog.NodeNotAnswering(logger, node, about, reason);
            return NodeAnswer<T>.Failed(node, reason);
        }
    }

    private static QueueOperationResult? ToResult(QueueOperationOutcome outcome) => outcome.Status switch
    {
        QueueOperationStatus.Done => new QueueOperationResult(outcome.Affected, outcome.DryRun),
        _ => throw new HttpRequestException(outcome.Message),
    };

    private static Appliance.Mta.Admin.QueueFilter Normalised(Appliance.Mta.Admin.QueueFilter f) => new(
        Blank(f.Tenant), Blank(f.Campaign), Blank(f.Domain), Blank(f.Site), Blank(f.MessageId));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The internal search's query string (round-trip "O" times).</summary>
    public static string EventQueryString(EventQuery q, int limit)
    {
        ArgumentNullException.ThrowIfNull(q);
        var sb = new StringBuilder("?limit=").Append(limit.ToString(CultureInfo.InvariantCulture));
        Add("messageId", q.MessageId);
        Add("recipient", q.Recipient);
        Add("sender", q.Sender);
        Add("tenant", q.Tenant);
        Add("from", q.From?.ToString("O", CultureInfo.InvariantCulture));
        Add("to", q.To?.ToString("O", CultureInfo.InvariantCulture));
        return sb.ToString();

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) sb.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }
}
