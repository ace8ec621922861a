using System.Net;
using System.Net.Security;
namespace Appliance.Mta.Smtp.Client;

/// <summary>
/// What <see cref="SmtpClientConnection.ConnectAsync"/> needs: where to connect (and from which local address),
/// the EHLO name, the TLS mode and optional AUTH credentials (a route's; sent only over TLS).
/// </summary>
public sealed record ConnectRequest(
    IPEndPoint Remote,
    string RemoteHostName,
    IPAddress? LocalAddress,
    string EhloName,
    TlsMode Tls,
    string? Username,
    string? Password,
    ClientTimeouts Timeouts)
{
    /// <summary>Clock for timeouts; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Overrides certificate validation for <see cref="TlsMode.Required"/>/<see cref="TlsMode.Implicit"/> (pinning, tests).
    /// With <see cref="TlsMode.Opportunistic"/> it is called to observe only (its answer is ignored).</summary>
    public RemoteCertificateValidationCallback? CertificateValidator { get; init; }

    /// <summary>Allows AUTH without TLS; by default only towards a loopback peer.</summary>
    public bool AllowPlaintextAuth { get; init; }

    /// <summary>The record's text form (logs, debugger) masks the AUTH password.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Remote = ").Append(Remote).Append(", RemoteHostName = ").Append(RemoteHostName)
            .Append(", LocalAddress = ").Append(LocalAddress).Append(", EhloName = ").Append(EhloName).Append(", Tls = ").Append(Tls)
            .Append(", Username = ").Append(Username).Append(", Password = ").Append(Password is null ? "" : "***");
        return true;
    }
}
