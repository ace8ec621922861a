namespace Appliance.Mta.Reception;

/// <summary>
/// One step between a completed DATA (or an HTTP injection) and the spool: DKIM signing, suppression drops,
/// inbound bounce and complaint processing. Filters run in ascending <see cref="Order"/>; each may change the
/// message's envelope or content, or end the reception with a reply.
/// </summary>
public interface IReceptionFilter
{
    /// <summary>Lower runs first. The orders are listed in one place, <c>Hosting/EnginePipeline.ReceptionFilters</c>
    /// (e.g. 100 inbound processing, 200 recipient drops, 900 signing, so it signs the final bytes).</summary>
    int Order { get; }

    /// <summary>Runs the step on <paramref name="message"/>: <see cref="ReceptionVerdict.Continue"/> to go on, or a stop
    /// with the reply for the client.</summary>
    ValueTask<ReceptionVerdict> FilterAsync(ReceptionMessage message, CancellationToken cancellationToken);
}
