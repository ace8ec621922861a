using Appliance.Mta.Dns;
using Appliance.Mta.Smtp.Client;
using Route = Appliance.Mta.Dns.Route;

namespace Appliance.Web.Data.Entities;

/// <summary>
/// A static route (see <see cref="Route"/>). The smart-host password is stored only as Data Protection ciphertext
/// (<see cref="Security.RoutePasswordProtector"/>); the API never returns it.
/// </summary>
public sealed class RouteEntry
{
    public int Id { get; set; }

    /// <summary>Lower-case destination domain, or "*" for the default route.</summary>
    public required string Domain { get; set; }

    public required string Host { get; set; }

    public int Port { get; set; }

    public string? Username { get; set; }

    /// <summary>The AUTH password as Data Protection ciphertext; null when the route has no AUTH.</summary>
    public string? ProtectedPassword { get; set; }

    /// <summary>
    /// The plaintext column of releases before ProtectRoutePasswords (column "Password"). Only
    /// <see cref="RoutePasswordUpgrade"/> reads it, encrypts it into <see cref="ProtectedPassword"/> and clears it at
    /// start, right after the migrations; nothing writes it.
    /// </summary>
    public string? LegacyPlaintextPassword { get; set; }

    public TlsMode TlsMode { get; set; } = TlsMode.Opportunistic;

    public bool HasPassword => ProtectedPassword is not null || LegacyPlaintextPassword is not null;
}
