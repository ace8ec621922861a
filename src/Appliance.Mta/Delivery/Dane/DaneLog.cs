using Microsoft.Extensions.Logging;

namespace Appliance.Mta.Delivery.Dane;

/// <summary>Source-generated log messages of outbound DANE (event ids 4400-4409, stable: alerts key on them).</summary>
internal static partial class DaneLog
{
    [LoggerMessage(4400, LogLevel.Warning, "DANE deferral for {Domain}: {ResultType}: {Reason}")]
    public static partial void Deferred(ILogger logger, string domain, string resultType, string reason);

    [LoggerMessage(4401, LogLevel.Warning, "DANE check failed for {Domain} at {Mx}: {ResultType}: {Reason}")]
    public static partial void SessionFailed(ILogger logger, string domain, string mx, string resultType, string reason);

    [LoggerMessage(4402, LogLevel.Debug, "DANE verified for {Domain} at {Mx}: {Detail}")]
    public static partial void Verified(ILogger logger, string domain, string mx, string detail);

    [LoggerMessage(4403, LogLevel.Warning, "Appliance:Dns:DnssecValidating is on but the resolvers ({Servers}) are not all on loopback: their AD bit crosses the network unprotected (RFC 7672 §2.1.1); run a validating resolver such as unbound on 127.0.0.1")]
    public static partial void RemoteResolver(ILogger logger, string servers);
}
