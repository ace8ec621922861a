namespace Appliance.Mta.Suppression;

/// <summary>What a tenant wants done with mail to a suppressed recipient.</summary>
public enum SuppressedRecipientAction
{
    /// <summary>Refuse the recipient at RCPT time (550 5.7.1) or in the HTTP injection answer.</summary>
    Reject,
    /// <summary>Accept the message, drop the recipient before the spool and write a Suppression event.</summary>
    Drop,
}
