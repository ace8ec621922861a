using System.Globalization;

namespace Appliance.Web.Engine;

/// <summary>Parses "host:port", "[ipv6]:port" or a bare host (with a default port).</summary>
public static class HostPort
{
    public static bool TryParse(string? text, int defaultPort, out string host, out int port)
    {
        host = "";
        port = defaultPort;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return false;

        string portText = "";
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) return false;
            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':') return false;
                portText = rest[1..];
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            // More than one colon without brackets: a bare IPv6 address, no port.
            if (colon > 0 && text.IndexOf(':', StringComparison.Ordinal) == colon)
            {
                host = text[..colon];
                portText = text[(colon + 1)..];
            }
            else
            {
                host = text;
            }
        }

        if (host.Length == 0) return false;
        if (portText.Length == 0) return true;
        return int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
    }
}
