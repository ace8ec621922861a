namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>Where the external peers live, and whether they are usable (probed once per run).</summary>
public static class ToolPaths
{
    /// <summary>Debian's interpreter: the python3 first on PATH may not see Debian's modules.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>dnsmasq from dnsmasq-base.</summary>
    public const string Dnsmasq = "/usr/sbin/dnsmasq";

    private static readonly Lazy<string?> SwaksPath = new(() => FindOnPath("swaks"));
    private static readonly Lazy<bool> AiosmtpdOk = new(() => File.Exists(Python) && Probe(Python, ["-c", "import aiosmtpd.controller"]).Ok);
    private static readonly Lazy<bool> SwaksTlsOk = new(() =>
        SwaksPath.Value is { } s && Probe(s, ["--support"]) is { Output: var o } && o.Contains("=== TLS supported", StringComparison.Ordinal));

    /// <summary>Full path of swaks, or null.</summary>
    public static string? Swaks => SwaksPath.Value;

    /// <summary>Why the given tools are not all usable, or null when they are.</summary>
    public static string? MissingReason(Tool tools)
    {
        var missing = new List<string>();
        if (tools.HasFlag(Tool.Python) && !File.Exists(Python))
        {
            missing.Add(Python);
        }

        if (tools.HasFlag(Tool.Dnsmasq) && !File.Exists(Dnsmasq))
        {
            missing.Add("dnsmasq (apt-get install dnsmasq-base)");
        }

        if (tools.HasFlag(Tool.Aiosmtpd) && !AiosmtpdOk.Value)
        {
            missing.Add("aiosmtpd for /usr/bin/python3 (apt-get install python3-aiosmtpd)");
        }

        if (tools.HasFlag(Tool.SignedZone) && SignedZoneDns.MissingTools() is { } dnssec)
        {
            missing.Add(dnssec);
        }

        if (tools.HasFlag(Tool.Chromium) && !File.Exists(PanelBrowser.ChromiumPath))
        {
            missing.Add($"{PanelBrowser.ChromiumPath} (apt-get install chromium)");
        }

        if (tools.HasFlag(Tool.Swaks) && !SwaksTlsOk.Value)
        {
            missing.Add("swaks with TLS (apt-get install swaks libnet-ssleay-perl)");
        }

        return missing.Count == 0 ? null : "missing test peer: " + string.Join(", ", missing);
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'))
        {
            var p = Path.Combine(dir, name);
            if (File.Exists(p))
            {
                return p;
            }
        }

        return File.Exists("/usr/bin/" + name) ? "/usr/bin/" + name : null;
    }

    private static (bool Ok, string Output) Probe(string file, string[] args)
    {
        try
        {
            var (code, output) = ProcessRunner.RunAsync(file, args, TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
            return (code == 0, output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (false, "");
        }
    }
}
