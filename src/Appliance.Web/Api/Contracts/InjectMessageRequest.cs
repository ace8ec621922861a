namespace Appliance.Web.Api.Contracts;

/// <summary>
/// HTTP injection. Either <see cref="Raw"/> (a complete RFC 5322 message) or Subject/Text/Html/Headers/Attachments
/// to build one. <see cref="TenantId"/> is required with an admin key. <see cref="From"/> "" is the null reverse-path.
/// The envelope is To + Cc + Bcc (Bcc never appears in the headers). <see cref="Variables"/> maps each To address to
/// its values for {{name}} placeholders in Subject, Text and Html; with it every To recipient gets its own message
/// (To: that recipient only), and Cc/Bcc are not allowed.
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
    string? Stream = null,
    IReadOnlyList<string>? Cc = null,
    IReadOnlyList<string>? Bcc = null,
    IReadOnlyList<InjectAttachment>? Attachments = null,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Variables = null);
