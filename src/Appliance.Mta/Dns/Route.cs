using Appliance.Mta.Smtp.Client;

namespace Appliance.Mta.Dns;

/// <summary>
/// A static route: mail for <see cref="Domain"/> ("*" for all) goes to Host:Port instead of the MX,
/// optionally with AUTH and a TLS mode. The most specific domain wins over "*".
/// </summary>
public sealed record Route(string Domain, string Host, int Port, string? Username = null, string? Password = null, TlsMode Tls = TlsMode.Opportunistic)
{
    /// <summary>The record's text form (logs, debugger) masks the password; equality still compares it.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Domain = ").Append(Domain).Append(", Host = ").Append(Host).Append(", Port = ").Append(Port)
            .Append(", Username = ").Append(Username).Append(", Password = ").Append(Password is null ? "" : "***")
            .Append(", Tls = ").Append(Tls);
        return true;
    }
}
