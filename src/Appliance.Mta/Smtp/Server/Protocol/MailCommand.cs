namespace Appliance.Mta.Smtp.Server.Protocol;

/// <summary>A parsed MAIL FROM command (RFC 5321 §4.1.1.2) with its ESMTP parameters.</summary>
internal sealed record MailCommand(
    string ReversePath,
    long? Size,
    BodyType Body,
    bool SmtpUtf8,
    DsnReturn Ret,
    string? EnvId);
