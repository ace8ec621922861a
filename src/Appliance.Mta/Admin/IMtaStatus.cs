namespace Appliance.Mta.Admin;

/// <summary>Liveness of the engine for /healthz.</summary>
public interface IMtaStatus
{
    /// <summary>True once every configured SMTP listener is bound and the spool is recovered.</summary>
    bool Ready { get; }

    /// <summary>Bound endpoints by listener name ("relay", "submission", "smtps").</summary>
    IReadOnlyDictionary<string, System.Net.IPEndPoint> Listeners { get; }
}
