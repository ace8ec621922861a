using System.Net;
using Appliance.Mta.Security;

namespace Appliance.Mta.Smtp.Server.Auth;

/// <summary>
/// Per-IP AUTH failure lockout: after <c>limit</c> failures within <c>window</c>, the IP is locked
/// until its oldest counted failure leaves the window (a sliding window on an injected clock).
/// </summary>
/// <remarks>
/// The count is atomic against parallel attempts: an attempt takes a place (<see cref="TryReserve"/>) before the
/// secret is checked, counted together with the failures, and turns it into a failure (<see cref="Fail"/>) or gives it
/// back (<see cref="Release"/>) afterwards. So however many connections guess at once, at most <c>limit</c> secrets are
/// checked per window and IP; checking first and counting after let 150 parallel connections evaluate 16 guesses.
/// </remarks>
internal sealed class AuthFailureTracker(TimeProvider time, int limit, TimeSpan window)
{
    private readonly FailureWindow<IPAddress> _window = new(time, limit, window);

    /// <summary>True when the IP's failures alone reach the limit (attempts in flight do not lock).</summary>
    public bool IsLocked(IPAddress ip) => _window.IsLocked(Normalize(ip));

    /// <summary>
    /// Takes a place in the IP's failure count before a secret is checked; false when failures plus attempts in
    /// flight already reach the limit (the attempt must be refused without checking the secret).
    /// </summary>
    public bool TryReserve(IPAddress ip) => _window.TryReserve(Normalize(ip));

    /// <summary>The reserved attempt failed: its place becomes a failure at the current time.</summary>
    public void Fail(IPAddress ip) => _window.Fail(Normalize(ip));

    /// <summary>The reserved attempt succeeded or ended without a verdict: its place is given back.</summary>
    public void Release(IPAddress ip) => _window.Release(Normalize(ip));

    /// <summary>Counts a failure that checked no secret (a malformed exchange).</summary>
    public void RecordFailure(IPAddress ip) => _window.RecordFailure(Normalize(ip));

    private static IPAddress Normalize(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}
