using Appliance.Mta.Security;
using System.Net;
using Appliance.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Security;

/// <summary>
/// Admits login attempts: one place per attempt in two failure counts, per (account, client address) and per client
/// address, taken before the password or code is checked. Counting per (account, address) rather than per account
/// means a stranger who guesses wrong locks only their own address out of that account, never the administrator
/// at another address; the per-address count stops one address from spraying many accounts. docs/security.md.
/// </summary>
public sealed class LoginAttemptGate
{
    private readonly FailureWindow<string> _pairs;
    private readonly FailureWindow<string> _addresses;

    public LoginAttemptGate(IOptions<LoginOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _pairs = new FailureWindow<string>(time, o.FailureLimit, o.LockoutWindow);
        _addresses = new FailureWindow<string>(time, o.AddressFailureLimit, o.LockoutWindow);
        LockoutWindow = o.LockoutWindow;
    }

    public TimeSpan LockoutWindow { get; }

    /// <summary>
    /// Reserves a place for an attempt at <paramref name="account"/> (a normalised name, or any stable key such as
    /// "2fa:" + user id) from <paramref name="address"/>; null when either count is full: refuse without checking.
    /// </summary>
    public LoginAttempt? TryBegin(string account, IPAddress? address)
    {
        var addressKey = AddressKey(address);
        var pairKey = account + "\n" + addressKey;
        if (!_addresses.TryReserve(addressKey)) return null;
        if (_pairs.TryReserve(pairKey)) return new LoginAttempt(_pairs, pairKey, _addresses, addressKey);
        _addresses.Release(addressKey);
        return null;
    }

    /// <summary>True when the failures alone lock this (account, address) pair or the address.</summary>
    public bool IsLocked(string account, IPAddress? address)
    {
        var addressKey = AddressKey(address);
        return _addresses.IsLocked(addressKey) || _pairs.IsLocked(account + "\n" + addressKey);
    }

    private static string AddressKey(IPAddress? address) =>
        address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
