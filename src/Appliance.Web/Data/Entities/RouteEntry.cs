using Appliance.Mta.Delivery;
using Route = Appliance.Mta.Delivery.Route;

namespace Appliance.Web.Data.Entities;

/// <summary>
/// A static route (see <see cref="Route"/>). Note: <see cref="Password"/> is stored in plaintext for now;
/// the domains issue moves it under ASP.NET Data Protection.
/// </summary>
public sealed class RouteEntry
{
    public int Id { get; set; }

    /// <summary>Lower-case destination domain, or "*" for the default route.</summary>
    public required string Domain { get; set; }

    public required string Host { get; set; }

    public int Port { get; set; }

    public string? Username { get; set; }

    /// <summary>PLAINTEXT for now (see the type remarks).</summary>
    public string? Password { get; set; }

    public TlsMode TlsMode { get; set; } = TlsMode.Opportunistic;

    public Route ToRoute() => new(Domain, Host, Port, Username, Password, TlsMode);
}
