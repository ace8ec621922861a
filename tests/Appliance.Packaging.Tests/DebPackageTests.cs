using System.Net.Http;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.Packaging.Tests;

/// <summary>
/// Installs the deb with dpkg -i (no systemd running: the maintainer scripts must cope), checks the files, user,
/// modes and unit, runs the installed service as the appliance user with the packaged config (ports overridden to
/// loopback), relays one message to an aiosmtpd sink, then removes (data kept) and purges (data and user gone).
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class DebPackageTests(PackagesFixture packages)
{
    [PackagingFact]
    public void Installs_runs_relays_and_purges()
    {
        PurgeLeftovers();
        var install = Tool.Run("dpkg", ["-i", packages.Deb], TimeSpan.FromMinutes(3));
        try
        {
            Assert.True(install.ExitCode == 0, "dpkg -i failed:\n" + install.Output);
            Assert.Contains("/var/lib/appliance/setup-token", install.Output); // postinst prints where the setup token is

            AssertInstalledLayout();
            AssertUnit();
            RunAndRelay();
            ReinstallKeepsDataConfigAndCertificate(packages.Deb);

            // remove keeps data, configuration and the user.
            Tool.Ok("dpkg", "-r", "appliance");
            Assert.False(File.Exists("/usr/lib/appliance/Appliance.Web"));
            Assert.True(File.Exists("/var/lib/appliance/appliance.db"), "dpkg -r must keep the database");
            Assert.True(File.Exists("/etc/appliance/appsettings.json"), "dpkg -r must keep the conffile");
            Assert.Equal(0, Tool.Run("getent", ["passwd", "appliance"]).ExitCode);
        }
        finally
        {
            Tool.Run("dpkg", ["--purge", "appliance"], TimeSpan.FromMinutes(2));
        }

        // purge deletes data, logs, configuration and the user.
        Assert.False(Directory.Exists("/var/lib/appliance"));
        Assert.False(Directory.Exists("/var/log/appliance"));
        Assert.False(Directory.Exists("/etc/appliance"));
        Assert.NotEqual(0, Tool.Run("getent", ["passwd", "appliance"]).ExitCode);
        Assert.NotEqual(0, Tool.Run("getent", ["group", "appliance"]).ExitCode);
    }

    /// <summary>
    /// dpkg -i over the installed package runs the upgrade path (prerm upgrade, postinst configure with the old
    /// version): the database, an edited conffile and the certificate must all survive.
    /// </summary>
    private static void ReinstallKeepsDataConfigAndCertificate(string deb)
    {
        const string conf = "/etc/appliance/appsettings.json";
        var edited = File.ReadAllText(conf).Replace("\"AllowedHosts\": \"*\"", "\"AllowedHosts\": \"*\", \"EditedByTest\": true", StringComparison.Ordinal);
        File.WriteAllText(conf, edited);
        var certBefore = File.ReadAllText("/var/lib/appliance/tls/appliance.crt");
        var dbBefore = new FileInfo("/var/lib/appliance/appliance.db").Length;

        var r = Tool.Run("dpkg", ["--force-confold", "-i", deb], TimeSpan.FromMinutes(3));
        Assert.True(r.ExitCode == 0, "reinstall failed:\n" + r.Output);

        Assert.Contains("EditedByTest", File.ReadAllText(conf));
        Assert.Equal("640 root appliance", Stat(conf));
        Assert.Equal(certBefore, File.ReadAllText("/var/lib/appliance/tls/appliance.crt"));
        Assert.True(new FileInfo("/var/lib/appliance/appliance.db").Length >= dbBefore, "database lost on reinstall");
        Assert.Equal("750 appliance appliance", Stat("/var/lib/appliance"));
    }

    private static void PurgeLeftovers()
    {
        if (Tool.Run("dpkg-query", ["-W", "appliance"]).ExitCode == 0)
            Tool.Run("dpkg", ["--purge", "appliance"], TimeSpan.FromMinutes(2));
    }

    private static string Stat(string path) => Tool.Ok("stat", "-c", "%a %U %G", path).Trim();

    private static void AssertInstalledLayout()
    {
        Assert.Equal("755 root root", Stat("/usr/lib/appliance/Appliance.Web"));
        Assert.Equal("755 root root", Stat("/usr/bin/appliance"));
        Assert.Equal("644 root root", Stat(InstalledService.UnitPath));
        Assert.Equal("640 root appliance", Stat("/etc/appliance/appsettings.json"));
        Assert.Equal("/etc/appliance/appsettings.json", new FileInfo("/usr/lib/appliance/appsettings.json").LinkTarget);
        Assert.Contains("/etc/appliance/appsettings.json", Tool.Ok("dpkg-query", "-W", "-f=${Conffiles}", "appliance"));

        Assert.Equal("750 appliance appliance", Stat("/var/lib/appliance"));
        Assert.Equal("750 appliance appliance", Stat("/var/log/appliance"));
        Assert.Equal("600 appliance appliance", Stat("/var/lib/appliance/tls/appliance.key"));

        var passwd = Tool.Ok("getent", "passwd", "appliance").Trim().Split(':');
        Assert.Equal("/var/lib/appliance", passwd[5]);
        Assert.EndsWith("nologin", passwd[6]);
        Assert.True(int.Parse(passwd[2], System.Globalization.CultureInfo.InvariantCulture) < 1000, "a system user");

        var help = Tool.Run("/usr/bin/appliance", ["help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("status", help.Stdout);
    }

    private static void AssertUnit()
    {
        var unit = InstalledService.ReadUnit();
        Assert.Equal("notify", unit["Type"].Single());
        Assert.Equal("appliance", unit["User"].Single());
        Assert.Equal("CAP_NET_BIND_SERVICE", unit["AmbientCapabilities"].Single());
        Assert.Equal("strict", unit["ProtectSystem"].Single());
        Assert.Equal("yes", unit["NoNewPrivileges"].Single());
        Assert.Equal("/var/lib/appliance /var/log/appliance", unit["ReadWritePaths"].Single());
        Assert.True(int.Parse(unit["LimitNOFILE"].Single(), System.Globalization.CultureInfo.InvariantCulture) >= 65536);
        Assert.Equal("on-failure", unit["Restart"].Single());

        if (Tool.Find("systemd-analyze") is { } analyze)
        {
            var r = Tool.Run(analyze, ["verify", InstalledService.UnitPath]);
            Assert.True(r.ExitCode == 0, "systemd-analyze verify:\n" + r.Output);
            Assert.DoesNotContain("appliance.service:", r.Output); // no warnings about our unit's lines
        }
    }

    private static void RunAndRelay()
    {
        int relay = Ports.Free(), https = Ports.Free(), sinkPort = Ports.Free();
        using var sink = new SmtpSink(sinkPort);
        using var service = new InstalledService(
        [
            $"--Appliance:Smtp:Relay=127.0.0.1:{relay}", "--Appliance:Smtp:Submission=", "--Appliance:Smtp:Smtps=",
            // The packaged HTTPS endpoint (0.0.0.0:8443, the postinst's certificate) moved to a loopback port.
            $"--Kestrel:Endpoints:Admin:Url=https://127.0.0.1:{https}",
            $"--Appliance:Delivery:SmartHost=127.0.0.1:{sinkPort}",
        ]);
        try
        {
            X509Certificate2? served = null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, cert, _, _) => { served ??= cert is null ? null : new X509Certificate2(cert); return true; },
            };
            using var http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{https}"), Timeout = TimeSpan.FromSeconds(10) };
            WaitHealthy(http, service);

            // The admin port serves the certificate the postinst generated.
            using var packaged = X509CertificateLoader.LoadCertificateFromFile("/var/lib/appliance/tls/appliance.crt");
            Assert.Equal(packaged.Thumbprint, served?.Thumbprint);
            // STACK-NOTES 3: static assets in Production come from the publish output we ship.
            Assert.True(http.GetAsync("/_framework/blazor.web.js").Result.IsSuccessStatusCode, "blazor.web.js not served\n" + service.Output);
            // The packaged config is in effect: the database is under /var/lib/appliance, not ./data.
            Assert.True(File.Exists("/var/lib/appliance/appliance.db"), service.Output);
            Assert.True(File.Exists("/var/lib/appliance/setup-token"), "no one-time setup token\n" + service.Output);

            var status = Tool.Run("/usr/bin/appliance", ["status"], env: new Dictionary<string, string> { ["APPLIANCE_URL"] = $"https://127.0.0.1:{https}" });
            Assert.True(status.ExitCode == 0, "appliance status:\n" + status.Output);

            var marker = "packaging-marker-" + Guid.NewGuid().ToString("N");
            RawSmtp.Send(relay, "sender@packaging.test", "rcpt@example.test", marker);
            WaitFor(() => sink.Output.Contains(marker, StringComparison.Ordinal), TimeSpan.FromSeconds(90),
                () => "message not delivered to the sink\nservice:\n" + service.Output + "\nsink:\n" + sink.Output);

            Assert.True(service.Stop(), "service did not stop on SIGTERM within 60 s\n" + service.Output);
            var down = Tool.Run("/usr/bin/appliance", ["status"], env: new Dictionary<string, string> { ["APPLIANCE_URL"] = $"https://127.0.0.1:{https}" });
            Assert.NotEqual(0, down.ExitCode);
        }
        finally
        {
            service.Stop();
        }
    }

    private static void WaitHealthy(HttpClient http, InstalledService service)
    {
        WaitFor(() =>
        {
            Assert.False(service.HasExited, "service exited:\n" + service.Output);
            try { return http.GetAsync("/healthz").Result.IsSuccessStatusCode; }
            catch (AggregateException) { return false; }
        }, TimeSpan.FromSeconds(90), () => "/healthz never answered 200\n" + service.Output);
    }

    private static void WaitFor(Func<bool> condition, TimeSpan deadline, Func<string> message)
    {
        var until = DateTime.UtcNow + deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, message());
            Thread.Sleep(500);
        }
    }
}
