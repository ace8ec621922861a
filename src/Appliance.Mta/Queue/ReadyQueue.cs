using System.Threading.Channels;
using Appliance.Mta.Dns;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Queue;

/// <summary>
/// A ready queue (KumoMTA): items due now for one destination site from one egress source. Connections
/// to the site pull items from it; their number is bounded per queue.
/// </summary>
public sealed class ReadyQueue(string egressSource, string site)
{
    private int _connections;

    public string EgressSource { get; } = egressSource;
    public string Site { get; } = site;
    public string Name { get; } = $"{egressSource}->{site}";
    public Channel<QueueItem> Items { get; } = Channel.CreateUnbounded<QueueItem>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    /// <summary>The latest resolution for the site: hosts to connect to.</summary>
    public NextHopPlan? Plan { get; set; }

    public bool Suspended { get; set; }

    /// <summary>The egress source this queue sends from (bind address, EHLO name); set when items are placed.</summary>
    public Egress.EgressSource Source { get; set; } = new(egressSource);

    /// <summary>The limits in force (with their origins), refreshed whenever an item is placed; null until then.</summary>
    public Shaping.EffectiveShaping? Shaping { get; set; }

    /// <summary>Spaces sends at the effective message rate across all of this queue's connections.</summary>
    public Shaping.RateGate Gate { get; } = new();

    /// <summary>
    /// After every host of the site refused a connection, new items fail transiently with
    /// <see cref="HoldReply"/> until this time instead of each opening another doomed connection.
    /// </summary>
    public DateTimeOffset HeldUntil { get; set; }

    public SmtpReply? HoldReply { get; set; }
    public string? LastResponse { get; set; }
    public int Connections => Volatile.Read(ref _connections);
    public int Pending => Items.Reader.Count;

    public void Enqueue(QueueItem item) => Items.Writer.TryWrite(item);

    public bool TryDequeue(out QueueItem item) => Items.Reader.TryRead(out item!);

    /// <summary>Claims a connection slot if fewer than <paramref name="max"/> are open and there is work for another.</summary>
    public bool TryAddConnection(int max)
    {
        while (true)
        {
            var current = Volatile.Read(ref _connections);
            if (current >= max || current >= Pending) return false;
            if (Interlocked.CompareExchange(ref _connections, current + 1, current) == current) return true;
        }
    }

    public int ReleaseConnection() => Interlocked.Decrement(ref _connections);
}
