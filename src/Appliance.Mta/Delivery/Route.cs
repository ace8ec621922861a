namespace Appliance.Mta.Delivery;

/// <summary>
/// A static route: mail for <see cref="Domain"/> ("*" for all) goes to Host:Port instead of the MX,
/// optionally with AUTH and a TLS mode. The most specific domain wins over "*".
/// </summary>
public sealed record Route(string Domain, string Host, int Port, string? Username = null, string? Password = null, TlsMode Tls = TlsMode.Opportunistic);
