namespace Appliance.Mta.Smtp.Server.Protocol;

/// <summary>Outcome of parsing an RFC 5321 §4.1.2 path.</summary>
internal enum AddressParseStatus
{
    Ok,
    Syntax,
    /// <summary>Well formed, but holds non-ASCII characters and SMTPUTF8 is not in effect (RFC 6531 §3.7.4.1).</summary>
    NonAscii,
}
