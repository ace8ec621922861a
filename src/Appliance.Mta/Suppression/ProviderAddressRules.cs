namespace Appliance.Mta.Suppression;

/// <summary>
/// The rule table (data, not code): only providers that document their equivalences are listed. Other domains
/// keep their local part as given (lower-cased): "a.b+c@example.com" and "ab@example.com" are different mailboxes.
/// </summary>
public static class ProviderAddressRules
{
    /// <summary>
    /// Gmail (dots ignored, +tags stripped, googlemail.com folded into gmail.com), Outlook.com, Fastmail and Proton
    /// (+tags stripped), each with the page that documents it.
    /// </summary>
    public static readonly IReadOnlyList<ProviderAddressRule> Default =
    [
        // Google: "Gmail doesn't recognize dots as characters within usernames" and "add a plus sign and any word"
        // (support.google.com/mail/answer/7436150, /answer/12096); googlemail.com is the same mailbox.
        new(["gmail.com", "googlemail.com"], "gmail.com", IgnoreDots: true, TagSeparator: '+', "support.google.com/mail/answer/7436150"),
        // Microsoft Outlook.com plus addressing (learn.microsoft.com, "Plus addressing in Exchange Online"); dots count.
        new(["outlook.com", "hotmail.com", "live.com"], "", IgnoreDots: false, TagSeparator: '+', "learn.microsoft.com/exchange/recipients-in-exchange-online/plus-addressing-in-exchange-online"),
        // Fastmail documents plus addressing ("Plus addressing and subdomain addressing").
        new(["fastmail.com", "fastmail.fm"], "", IgnoreDots: false, TagSeparator: '+', "fastmail.help/hc/en-us/articles/360058753834"),
        // Proton documents "+" aliases and that dots, hyphens and underscores are ignored; only "+" is applied here.
        new(["proton.me", "protonmail.com"], "", IgnoreDots: false, TagSeparator: '+', "proton.me/support/addresses-and-aliases"),
    ];
}
