namespace Appliance.Web.Api.Contracts;

/// <summary>One attachment of a composed message: <see cref="Content"/> is base64 (RFC 4648 §4).</summary>
public sealed record InjectAttachment(string? Filename, string? ContentType, string? Content);
