using System.Security.Cryptography.X509Certificates;
using Appliance.Mta.Dns;
using Appliance.Web.Services.Tls;

namespace Appliance.Web.Modules.Domains.Services;

/// <summary>
/// Inbound DANE: looks up the TLSA records published for our own MX (<c>_25._tcp.&lt;hostname&gt;</c>, RFC 7672 §2.2)
/// and says whether they still cover the certificate the listeners present. A DANE sender that finds usable TLSA
/// records and none matching defers its mail (RFC 7672 §2.2, §3.1), so a certificate change that drops the published
/// key silently stops bounces and reports from those senders; this is what the domain page and the DNS health check
/// warn about. DNSSEC is not judged here: the records are compared as published.
/// </summary>
public sealed class TlsaRecordProbe(IDnsResolver dns)
{
    public async Task<TlsaRecordCheck> CheckAsync(string mxHost, X509Certificate2 certificate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var expected = TlsaSuggestion.For(certificate, mxHost);
        var name = expected.Name;
        var answer = await dns.ResolveTlsaAsync(name, ct);
        if (answer.Status is DnsStatus.NxDomain or DnsStatus.NoData)
            return new(name, TlsaRecordState.Absent, [], $"No TLSA record at {name}: senders do not use DANE for mail to this appliance. "
                + $"Optional: publish TLSA \"{expected.Value}\" there, only in a DNSSEC-signed zone.");
        if (answer.Status != DnsStatus.Ok)
            return new(name, TlsaRecordState.LookupFailed, [], $"The TLSA lookup of {name} failed ({answer.Status}); it is retried at the next check.");
        var verdicts = answer.Records.Select(r => TlsaSuggestion.Matches(r, certificate)).ToList();
        if (verdicts.Contains(true))
            return new(name, TlsaRecordState.Matches, answer.Records, $"{name} publishes a TLSA record that matches the current certificate's key.");
        if (verdicts.Contains(false))
            return new(name, TlsaRecordState.Mismatch, answer.Records,
                $"The TLSA record(s) at {name} ({string.Join("; ", answer.Records)}) do not match the current SMTP certificate's key: "
                + $"senders that use DANE will not deliver to this appliance (RFC 7672 §2.2). Publish TLSA \"{expected.Value}\" "
                + "(keep the old record until the change is visible, 2 × its TTL), or install the certificate whose key is published.");
        return new(name, TlsaRecordState.Unjudged, answer.Records,
            $"{name} publishes TLSA records this check cannot judge from the certificate alone (DANE-TA or PKIX usages, or unparsable): "
            + $"make sure they match the certificate chain, or publish \"{expected.Value}\".");
    }
}
