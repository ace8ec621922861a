using System.Net;

namespace Appliance.Mta.Dns;

/// <summary>One host to try, in order: its name (for EHLO/TLS SNI/logs), MX preference, addresses (IPv4 first) and port.</summary>
public sealed record NextHopHost(string Name, int Preference, IReadOnlyList<IPAddress> Addresses, int Port);
