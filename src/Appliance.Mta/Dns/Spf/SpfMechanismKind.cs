namespace Appliance.Mta.Dns.Spf;

/// <summary>The mechanisms of RFC 7208 §5.</summary>
public enum SpfMechanismKind
{
    /// <summary>"all": always matches (§5.1).</summary>
    All,
    /// <summary>"include:": matches when the named domain's check_host() passes (§5.2).</summary>
    Include,
    /// <summary>"a": the client IP is one of the domain's A/AAAA addresses (§5.3).</summary>
    A,
    /// <summary>"mx": the client IP is an address of one of the domain's MX hosts (§5.4).</summary>
    Mx,
    /// <summary>"ptr": the validated reverse name is in the domain (§5.5; deprecated, still evaluated).</summary>
    Ptr,
    /// <summary>"ip4:": the client IP is in an IPv4 network (§5.6).</summary>
    Ip4,
    /// <summary>"ip6:": the client IP is in an IPv6 network (§5.6).</summary>
    Ip6,
    /// <summary>"exists:": matches when the expanded name has an A record (§5.7).</summary>
    Exists,
}
