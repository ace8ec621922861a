namespace Appliance.Mta.Tests.Smtp.Client;

/// <summary>A fact that needs Debian's python3-aiosmtpd under /usr/bin/python3; skipped with the reason otherwise.</summary>
public sealed class AiosmtpdFactAttribute : FactAttribute
{
    public AiosmtpdFactAttribute()
    {
        if (!File.Exists("/usr/bin/python3") || !Directory.Exists("/usr/lib/python3/dist-packages/aiosmtpd"))
            Skip = "python3-aiosmtpd is missing: apt-get install python3-aiosmtpd to run the real-server test";
    }
}
