using System.Buffers;
using System.Threading.Channels;
using Appliance.Mta.Messages;
using Appliance.Mta.Queue;
using Appliance.Mta.Queue.Spool;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Modules.Inspection;

/// <summary>
/// Takes the copy of each accepted message of a tenant with retention on, at acceptance (the engine's
/// <see cref="IAcceptedMessageObserver"/>), and writes it to <see cref="MessageContentStore"/> in the background.
/// The reception path only looks the tenant up and, when it keeps content, copies the in-memory bytes into a bounded
/// channel; a large message (spilled to disk while received) is read back from the spool by the writer instead. A full
/// channel or a failed write is logged: retention never delays or refuses mail.
/// </summary>
public sealed class ContentRetentionWriter : BackgroundService, IAcceptedMessageObserver
{
    private readonly ContentRetentionPolicies _policies;
    private readonly MessageContentStore _store;
    private readonly ISpool _spool;
    private readonly ILogger<ContentRetentionWriter> _logger;
    private readonly Channel<RetentionWork> _channel;
    private readonly int _capacity;

    public ContentRetentionWriter(ContentRetentionPolicies policies, MessageContentStore store, ISpool spool, IOptions<InspectionOptions> options, ILogger<ContentRetentionWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _policies = policies;
        _store = store;
        _spool = spool;
        _logger = logger;
        _capacity = Math.Max(1, options.Value.QueueCapacity);
        _channel = Channel.CreateBounded<RetentionWork>(new BoundedChannelOptions(_capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <inheritdoc />
    public void OnAccepted(SpoolId id, MessageEnvelope envelope, SpoolLocation location, ReadOnlySequence<byte> content, ContentSpill? spill)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        // Mail for the appliance itself (bounces, complaints, reports) is no tenant's sent mail.
        if (envelope.Inbound || !_policies.IsOn(envelope.TenantId)) return;
        var work = spill is null ? new RetentionWork(envelope.TenantId, id, content.ToArray(), null) : new RetentionWork(envelope.TenantId, id, null, location);
        if (!_channel.Writer.TryWrite(work)) InspectionLog.QueueFull(_logger, id.ToString(), envelope.TenantId, _capacity);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in _channel.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false)) Write(work);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Write(RetentionWork work)
    {
        try
        {
            byte[] content;
            if (work.Content is { } bytes) content = bytes;
            else
            {
                using var owner = _spool.ReadContent(work.Location!);
                content = owner.Memory.ToArray();
            }
            _store.Write(work.TenantId, work.Id, content);
            if (_policies.Find(work.TenantId) is { Enabled: true } policy)
            {
                var dropped = _store.EnforceBudget(work.TenantId, policy.BudgetBytes);
                if (dropped > 0) InspectionLog.OverBudget(_logger, work.TenantId, policy.BudgetBytes, dropped);
            }
        }
#pragma warning disable CA1031 // a message that could not be retained is logged; the writer goes on with the next
        catch (Exception ex)
#pragma warning restore CA1031
        {
            InspectionLog.WriteFailed(_logger, work.Id.ToString(), work.TenantId, ex);
        }
    }
}
