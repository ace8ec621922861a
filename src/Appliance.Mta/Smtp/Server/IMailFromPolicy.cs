namespace Appliance.Mta.Smtp.Server;

/// <summary>
/// Asked at MAIL FROM, before the transaction starts (RFC 5321 §4.1.1.2). Answers a refusal (e.g. 452 4.3.1 while the
/// data folder is short of space, RFC 5321 §4.5.3.1.10) or null to go on. Runs on the session's command path: it must
/// be cheap. Picked up from the server's recipient policies that also implement this interface.
/// </summary>
public interface IMailFromPolicy
{
    /// <summary>
    /// The refusal for a transaction from <paramref name="reversePath"/> (empty for the null sender) by <paramref
    /// name="clientAddress"/>, or null to accept MAIL FROM.
    /// </summary>
    SmtpReply? EvaluateMailFrom(string reversePath, string clientAddress);

    /// <summary>The same question with the sending tenant (null for a client that may not relay) and the declared
    /// SIZE (RFC 1870 §6: a size over a limit is refused at MAIL FROM with 552 5.3.4). By default the two-argument form.</summary>
    SmtpReply? EvaluateMailFrom(string reversePath, string clientAddress, string? tenantId, long? declaredSize) => EvaluateMailFrom(reversePath, clientAddress);
}
