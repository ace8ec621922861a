namespace Appliance.Mta.Tests.Bounces.Postfix;

/// <summary>
/// A fact that runs a private Postfix instance (Debian package postfix: /usr/sbin/postfix, smtp-sink) and therefore needs
/// root (Postfix's master and smtp-sink switch users); skipped with the reason otherwise.
/// </summary>
public sealed class PostfixFactAttribute : FactAttribute
{
    public PostfixFactAttribute()
    {
        if (!File.Exists("/usr/sbin/postfix") || !File.Exists("/usr/sbin/smtp-sink") || !File.Exists("/usr/lib/postfix/sbin/master"))
            Skip = "Postfix is missing: apt-get install postfix (no configuration) to run the real-DSN tests";
        else if (Environment.UserName != "root")
            Skip = "a private Postfix instance needs root (its master and smtp-sink switch users)";
    }
}
