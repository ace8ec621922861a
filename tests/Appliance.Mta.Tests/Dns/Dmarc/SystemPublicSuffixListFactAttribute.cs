using Appliance.Mta.Dns.Dmarc;

namespace Appliance.Mta.Tests.Dns.Dmarc;

/// <summary>Runs when Debian's publicsuffix package is installed (the list and its test vectors); skips with the reason otherwise.</summary>
public sealed class SystemPublicSuffixListFactAttribute : FactAttribute
{
    public const string TestVectors = "/usr/share/doc/publicsuffix/examples/test_psl.txt";

    public SystemPublicSuffixListFactAttribute()
    {
        if (!File.Exists(PublicSuffixList.SystemPath) || !File.Exists(TestVectors))
            Skip = $"Debian package publicsuffix not installed ({PublicSuffixList.SystemPath}, {TestVectors}): apt-get install publicsuffix";
    }
}
