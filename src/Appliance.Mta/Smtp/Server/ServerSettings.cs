using Appliance.Mta.Configuration;
using Appliance.Mta.Smtp.Server.Net;

namespace Appliance.Mta.Smtp.Server;

/// <summary>One published settings snapshot with the relay list parsed from it; a session takes both at once.</summary>
internal sealed record ServerSettings(MtaOptions Options, RelayHostList RelayHosts);
