using Appliance.Mta.Messages;

namespace Appliance.Mta.Smtp.Server.Data;

/// <summary>
/// What the server needs from a message's header block: a few values and the byte ranges of the
/// X-Campaign / X-Stream fields, which are removed before the message is handed on.
/// </summary>
internal sealed class HeaderScan
{
    /// <summary>Message-ID without angle brackets, or null.</summary>
    public string? MessageId { get; set; }

    public bool HasMessageId { get; set; }

    public bool HasDate { get; set; }

    public string? Campaign { get; set; }

    public string? Stream { get; set; }

    /// <summary>The Reception event's header summary of the fields kept (X-Campaign / X-Stream left out).</summary>
    public ReceptionHeaderCollector? Summary { get; set; }

    /// <summary>[start, end) offsets of fields to drop, in ascending order.</summary>
    public List<(long Start, long End)> Removals { get; } = [];

    public void Clear()
    {
        MessageId = null;
        HasMessageId = false;
        HasDate = false;
        Campaign = null;
        Stream = null;
        Summary = null;
        Removals.Clear();
    }
}
