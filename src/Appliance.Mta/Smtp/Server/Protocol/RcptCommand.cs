namespace Appliance.Mta.Smtp.Server.Protocol;

/// <summary>A parsed RCPT TO command (RFC 5321 §4.1.1.3) with its RFC 3461 parameters.</summary>
internal sealed record RcptCommand(string Address, DsnNotify Notify, string? ORcpt, bool IsPostmaster);
