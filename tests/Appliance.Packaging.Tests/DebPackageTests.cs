using System.Net.Http;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.Packaging.Tests;

/// <summary>
/// Installs the deb with dpkg -i (no systemd running: the maintainer scripts must cope), checks the files, user,
/// modes and unit, runs the installed service as the appliance user with the packaged config (ports overridden to
/// loopback). A message is queued (its smart host is down), backed up with `appliance backup`, survives an upgrade
/// (dpkg -i over the installed package) and is delivered after it; `appliance restore` then brings the backup back
/// and the restored queue delivers the message again. Finally remove (data kept) and purge (data and user gone).
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
            var marker = "packaging-marker-" + Guid.NewGuid().ToString("N");
            var backup = Path.Combine(Path.GetTempPath(), $"appliance-backup-{Guid.NewGuid():N}.tar.gz");
            using var sink = new SmtpSink(Ports.Free());
            try
            {
                QueueAndBackUp(marker, backup);
                ReinstallKeepsDataConfigAndCertificate(packages.Deb);
                RunAndDeliver(sink, marker, expectedCopies: 1, "the message queued before the upgrade");
                var restore = Tool.Run("/usr/bin/appliance", ["restore", backup], env: new Dictionary<string, string> { ["APPLIANCE_BACKUP_PASSPHRASE"] = BackupPassphrase });
                Assert.True(restore.ExitCode == 0, "appliance restore:\n" + restore.Output);
                Assert.Equal("750 appliance appliance", Stat("/var/lib/appliance"));
                Assert.Equal("appliance appliance", Tool.Ok("stat", "-c", "%U %G", "/var/lib/appliance/appliance.db").Trim());
                Assert.Single(Directory.GetDirectories("/var/lib/appliance", ".before-restore-*"));
                RunAndDeliver(sink, marker, expectedCopies: 2, "the message in the restored backup");
            }
            finally
            {
                File.Delete(backup);
            }

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
        Assert.Equal("640 root appliance", Stat("/etc/appliance/api-key"));
        Assert.Matches("^[0-9a-f]{48}$", File.ReadAllText("/etc/appliance/api-key").Trim());

        var passwd = Tool.Ok("getent", "passwd", "appliance").Trim().Split(':');
        Assert.Equal("/var/lib/appliance", passwd[5]);
        Assert.EndsWith("nologin", passwd[6]);
        Assert.True(int.Parse(passwd[2], System.Globalization.CultureInfo.InvariantCulture) < 1000, "a system user");

        // The runtime settings the bench measured ship in the package (docs/operations.md, "Garbage collector", "JIT").
        var runtime = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText("/usr/lib/appliance/Appliance.Web.runtimeconfig.json"))!["runtimeOptions"]!["configProperties"]!;
        Assert.False((bool)runtime["System.GC.Server"]!);
        Assert.False((bool)runtime["System.Runtime.TieredPGO"]!);
        Assert.Equal(0, (int)runtime["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]!);

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

    /// <summary>Backups are encrypted: `appliance backup` and `restore` take the passphrase from the environment here.</summary>
    private const string BackupPassphrase = "packaging test backup passphrase";

    /// <summary>Runs the service with the smart host on a port where nothing listens, queues one message,
    /// uses the CLI (API key from the postinst's /etc/appliance/api-key) and takes a backup, then stops.</summary>
    private static void QueueAndBackUp(string marker, string backup)
    {
        int relay = Ports.Free(), https = Ports.Free();
        using var service = StartService(relay, https, smartHostPort: Ports.Free());
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

            var env = new Dictionary<string, string> { ["APPLIANCE_URL"] = $"https://127.0.0.1:{https}", ["APPLIANCE_BACKUP_PASSPHRASE"] = BackupPassphrase };
            var status = Tool.Run("/usr/bin/appliance", ["status"], env: env);
            Assert.True(status.ExitCode == 0, "appliance status:\n" + status.Output);

            RawSmtp.Send(relay, "sender@packaging.test", "rcpt@example.test", marker);
            // The CLI authenticates with the key the postinst generated and the service stored at first start.
            var queue = Tool.Run("/usr/bin/appliance", ["queue", "summary"], env: env);
            Assert.True(queue.ExitCode == 0, "appliance queue summary:\n" + queue.Output + "\n" + service.Output);
            Assert.Contains("example.test", queue.Stdout);
            var backedUp = Tool.Run("/usr/bin/appliance", ["backup", backup], TimeSpan.FromMinutes(2), env);
            Assert.True(backedUp.ExitCode == 0, "appliance backup:\n" + backedUp.Output + "\n" + service.Output);
            Assert.True(new FileInfo(backup).Length > 0);

            Assert.True(service.Stop(), "service did not stop on SIGTERM within 60 s\n" + service.Output);
            var down = Tool.Run("/usr/bin/appliance", ["status"], env: env);
            Assert.NotEqual(0, down.ExitCode);
        }
        finally
        {
            service.Stop();
        }
    }

    /// <summary>Runs the service with the smart host on the sink until the marker arrived expectedCopies times.</summary>
    private static void RunAndDeliver(SmtpSink sink, string marker, int expectedCopies, string what)
    {
        int relay = Ports.Free(), https = Ports.Free();
        using var service = StartService(relay, https, smartHostPort: sink.Port);
        try
        {
            WaitFor(() => CountOf(sink.Output, marker) >= expectedCopies, TimeSpan.FromSeconds(90),
                () => $"{what} was not delivered to the sink\nservice:\n" + service.Output + "\nsink:\n" + sink.Output);
            Assert.True(service.Stop(), "service did not stop on SIGTERM within 60 s\n" + service.Output);
        }
        finally
        {
            service.Stop();
        }
    }

    private static InstalledService StartService(int relay, int https, int smartHostPort) => new(
    [
        $"--Appliance:Smtp:Relay=127.0.0.1:{relay}", "--Appliance:Smtp:Submission=", "--Appliance:Smtp:Smtps=",
        // The packaged HTTPS endpoint (0.0.0.0:8443, the postinst's certificate) moved to a loopback port.
        $"--Kestrel:Endpoints:Admin:Url=https://127.0.0.1:{https}",
        $"--Appliance:Delivery:SmartHost=127.0.0.1:{smartHostPort}",
        // Short retries so the queued message goes out soon after each start.
        "--Appliance:Delivery:RetryInterval=00:00:01", "--Appliance:Delivery:MaxRetryInterval=00:00:02",
    ]);

    private static int CountOf(string text, string marker)
    {
        var count = 0;
        for (var i = text.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(marker, i + marker.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private static void WaitHealthy(HttpClient http, InstalledService service) => ServiceRuns.WaitHealthy(http, service);

    private static void WaitFor(Func<bool> condition, TimeSpan deadline, Func<string> message) => ServiceRuns.WaitFor(condition, deadline, message);
}
