namespace Appliance.Web.Modules.Domains.Contracts;

/// <summary>One selector of a domain: "rsa" or "ed25519", its status (pending, active, retiring, retired) and its TXT record.</summary>
public sealed record DkimSelectorResponse(
    string Selector, string Algorithm, string Status, string RecordName, string TxtRecord, IReadOnlyList<string> TxtStrings,
    DateTimeOffset CreatedAt, DateTimeOffset? ActivatedAt, DateTimeOffset? RetiredAt);
