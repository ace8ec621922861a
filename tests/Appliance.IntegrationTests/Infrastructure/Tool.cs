namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>External peers a scenario needs; a missing one makes the scenario skip.</summary>
[Flags]
public enum Tool
{
    None = 0,

    /// <summary>/usr/sbin/dnsmasq (Debian dnsmasq-base).</summary>
    Dnsmasq = 1,

    /// <summary>Debian's python3-aiosmtpd, importable from /usr/bin/python3.</summary>
    Aiosmtpd = 2,

    /// <summary>swaks with TLS support (libnet-ssleay-perl).</summary>
    Swaks = 4,

    /// <summary>/usr/bin/python3 itself.</summary>
    Python = 8,

    /// <summary>A signed zone on loopback: nsd, unbound, ldns-keygen/ldns-signzone/drill (ldnsutils) and openssl.</summary>
    SignedZone = 16,

    /// <summary>Debian's chromium (/usr/bin/chromium), driven by Playwright for .NET.</summary>
    Chromium = 32,
}
