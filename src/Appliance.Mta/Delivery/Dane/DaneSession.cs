using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Appliance.Mta.Delivery;
using Appliance.Mta.Smtp;
using Appliance.Mta.Smtp.Client;

namespace Appliance.Mta.Delivery.Dane;

/// <summary>
/// One connection attempt to an MX host under DANE: <see cref="Apply"/> requires STARTTLS and installs the TLSA
/// check (RFC 7672 §2.2, §3), <see cref="Complete"/> records the TLS-RPT outcome and turns a failure into a
/// 451 4.7.5 that names the reason.
/// </summary>
public sealed class DaneSession
{
    private readonly DaneEnforcer _owner;
    private readonly string? _sendingIp;

    internal DaneSession(DaneEnforcer owner, string domain, DaneHostPolicy policy, string? sendingIp)
    {
        _owner = owner;
        Domain = domain;
        Policy = policy;
        _sendingIp = sendingIp;
    }

    /// <summary>
    /// The next-hop domain the message is delivered for (a reference identifier for DANE-TA, RFC 7672 §3.2.2).
    /// </summary>
    public string Domain { get; }

    /// <summary>The MX host's DANE policy: its name, mode and TLSA RRset.</summary>
    public DaneHostPolicy Policy { get; }

    /// <summary>The certificate check's outcome, once the handshake ran.</summary>
    public DaneVerdict? Verdict { get; private set; }

    /// <summary>STARTTLS required (RFC 7672 §2.2: no fallback to plaintext); the certificate checked against the TLSA RRset.</summary>
    public ConnectRequest Apply(ConnectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request with { Tls = TlsMode.Required, CertificateValidator = Validate };
    }

    /// <summary>The TLS handshake's certificate callback.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (Policy.Mode == DaneMode.EncryptOnly)
        {
            // RFC 7672 §2.2: a secure RRset of unusable records: encrypt, do not authenticate.
            Verdict = new DaneVerdict(true, null, "TLSA records unusable, encrypted without authentication");
            return true;
        }
        if (certificate is null)
        {
            Verdict = DaneVerdict.Failure(DaneResultTypes.TlsaInvalid, "the server sent no certificate");
            return false;
        }
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        Verdict = DaneCertificateCheck.Check(leaf, Presented(leaf, chain), Policy.Records, [Policy.Host, Domain], _owner.Time.GetUtcNow());
        return Verdict.Verified;
    }

    /// <summary>Records the session for TLS-RPT and returns the outcome, a failure rewritten as 451 4.7.5 with the DANE reason.</summary>
    public ConnectOutcome Complete(ConnectOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var reports = _owner.Reports;
        if (outcome.Connection is { } connection)
        {
            reports.RecordSuccess(Domain, DaneResultTypes.PolicyType);
            var what = Verdict is { Matched: not null } v ? $"DANE verified ({v.Detail})" : "DANE: TLSA records unusable, encrypted without authentication (RFC 7672 §2.2)";
            DaneLog.Verified(_owner.Logger, Domain, Policy.Host, what);
            _owner.NoteSession(connection, $"{connection.TlsDescription}; {what}");
            return outcome;
        }
        string resultType;
        string reason;
        if (Verdict is { Verified: false } failed)
        {
            resultType = failed.ResultType ?? DaneResultTypes.TlsaInvalid;
            reason = failed.Detail;
        }
        else if (outcome.Failure?.Enhanced is { Subject: 7, Detail: 10 })
        {
            // STARTTLS not offered or refused: RFC 7672 §2.2 forbids going on in plaintext.
            resultType = DaneResultTypes.DaneRequired;
            reason = $"{Policy.Host} has TLSA records but did not start TLS ({outcome.Failure.Text})";
        }
        else
        {
            return outcome; // Network trouble before TLS: nothing DANE-specific to say.
        }
        reports.RecordFailure(Domain, resultType, DaneResultTypes.PolicyType, Policy.Host, _sendingIp);
        DaneLog.SessionFailed(_owner.Logger, Domain, Policy.Host, resultType, reason);
        return ConnectOutcome.Failed(new SmtpReply(451, "4.7.5", $"DANE {resultType}: {reason}"), permanent: false);
    }

    private static List<X509Certificate2> Presented(X509Certificate2 leaf, X509Chain? chain)
    {
        var all = new List<X509Certificate2> { leaf };
        if (chain is null) return all;
        foreach (var element in chain.ChainElements) all.Add(element.Certificate);
        foreach (var extra in chain.ChainPolicy.ExtraStore) all.Add(extra);
        return [.. all.DistinctBy(c => c.Thumbprint, StringComparer.Ordinal)];
    }
}
