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
}
