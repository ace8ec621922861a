namespace Appliance.Mta.Tests.Dns.Spf;

/// <summary>One zonedata entry of the openspf suite: a type and its value, or the TIMEOUT marker (Type "TIMEOUT").</summary>
public sealed record SpfZoneEntry(string Type, string Value, int Preference = 0)
{
    public bool IsTimeout => Type == "TIMEOUT";
}
