namespace Appliance.Web.Modules.Inspection;

/// <summary>One attachment of a retained message: file name (or "(unnamed)"), MIME type and decoded size in bytes.</summary>
public sealed record MessageAttachment(string Name, string ContentType, long Size);
