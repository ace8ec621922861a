namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// The DNS test zone served by dnsmasq and the loopback addresses of its MX hosts.
/// Every sink listens on the appliance's Delivery:Port on its own address.
/// </summary>
public static class TestZone
{
    /// <summary>Envelope senders use this domain; its MX collects DSNs.</summary>
    public const string SenderDomain = "sender.test";

    /// <summary>MX host address of <see cref="SenderDomain"/> (the DSN sink).</summary>
    public const string SenderMx = "127.0.0.10";

    /// <summary>One MX (10 mx.single.test).</summary>
    public const string Single = "single.test";

    /// <summary>Address of mx.single.test.</summary>
    public const string SingleMx = "127.0.0.2";

    /// <summary>Two MX: 10 mx-a (nothing listens) and 20 mx-b.</summary>
    public const string Multi = "multi.test";

    /// <summary>Address of mx-a.multi.test, the preferred MX, where nothing listens.</summary>
    public const string MultiPrimaryDown = "127.0.0.3";

    /// <summary>Address of mx-b.multi.test, the fallback MX.</summary>
    public const string MultiSecondary = "127.0.0.4";

    /// <summary>No MX, only an A record (RFC 5321 §5.1 implicit MX).</summary>
    public const string Implicit = "implicit.test";

    /// <summary>The A record of <see cref="Implicit"/>.</summary>
    public const string ImplicitA = "127.0.0.5";

    /// <summary>RFC 7505 null MX ("MX 0 ."), though it also has an A record with a listening sink.</summary>
    public const string NullMx = "nullmx.test";

    /// <summary>The A record of <see cref="NullMx"/>; nothing may ever arrive there.</summary>
    public const string NullMxA = "127.0.0.6";

    /// <summary>Per-recipient outcome domain (sink answers by local-part prefix).</summary>
    public const string Outcome = "outcome.test";

    /// <summary>Address of mx.outcome.test.</summary>
    public const string OutcomeMx = "127.0.0.7";

    /// <summary>Does not exist: NXDOMAIN.</summary>
    public const string NxDomain = "nx.test";

    /// <summary>Outside the local zone and with no upstream: dnsmasq answers REFUSED (a DNS failure, transient).</summary>
    public const string DnsFailure = "dnsfail.example";

    /// <summary>Addresses the standard sink listens on.</summary>
    public static readonly string[] SinkAddresses = [SingleMx, MultiSecondary, ImplicitA, NullMxA, OutcomeMx, SenderMx];

    /// <summary>Writes the zone into a dnsmasq server.</summary>
    public static DnsmasqServer Configure(DnsmasqServer dns) => dns
        .LocalZone("test")
        .Mx(SenderDomain, "mx." + SenderDomain, 10).A("mx." + SenderDomain, SenderMx)
        .Mx(Single, "mx." + Single, 10).A("mx." + Single, SingleMx)
        .Mx(Multi, "mx-a." + Multi, 10).A("mx-a." + Multi, MultiPrimaryDown)
        .Mx(Multi, "mx-b." + Multi, 20).A("mx-b." + Multi, MultiSecondary)
        .A(Implicit, ImplicitA)
        .NullMx(NullMx).A(NullMx, NullMxA)
        .Mx(Outcome, "mx." + Outcome, 10).A("mx." + Outcome, OutcomeMx)
        .A("appliance.test", "127.0.0.1")
        // Tenant return-path domains: the appliance answers for them only while their MX points at it.
        .Mx("rp.appliance.test", "appliance.test", 10)
        .Mx("rp.reports.test", "appliance.test", 10);
}
