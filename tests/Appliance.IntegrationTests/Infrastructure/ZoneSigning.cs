namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>How <see cref="SignedZoneDns"/> serves a zone.</summary>
public enum ZoneSigning
{
    /// <summary>Signed, its key's DS a trust anchor of the resolver: answers are secure.</summary>
    Signed = 0,

    /// <summary>Not signed and under no trust anchor: answers are insecure.</summary>
    Unsigned = 1,

    /// <summary>Signed, but the resolver trusts another key: every answer is bogus (SERVFAIL).</summary>
    WrongAnchor = 2,
}
