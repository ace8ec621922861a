namespace Appliance.Web.Modules.Domains.Contracts;

/// <summary>
/// The records a sending domain needs published (known without any DNS lookup) and what the admin should know about
/// them, e.g. "no egress source has an address: the SPF record lists the host's addresses".
/// </summary>
public sealed record DnsAdviceResponse(IReadOnlyList<DnsRecordResponse> Records, IReadOnlyList<string> Warnings);
