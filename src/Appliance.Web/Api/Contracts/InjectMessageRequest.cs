namespace Appliance.Web.Api.Contracts;

/// <summary>
/// HTTP injection. Either <see cref="Raw"/> (a complete RFC 5322 message) or Subject/Text/Html/Headers to build
/// one. <see cref="TenantId"/> is required with an admin key. <see cref="From"/> "" is the null reverse-path.
/// </summary>
public sealed record InjectMessageRequest(
    string? From,
    IReadOnlyList<string>? To,
    string? Raw = null,
    string? Subject = null,
    string? Text = null,
    string? Html = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    string? TenantId = null,
    string? Campaign = null,
    string? Stream = null);
