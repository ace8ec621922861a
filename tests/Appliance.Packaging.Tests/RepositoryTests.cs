using System.Net.Sockets;
using System.Security.Cryptography;

namespace Appliance.Packaging.Tests;

/// <summary>
/// packaging/repo/build.sh the way a hosting provider uses its output (docs/install.md): a signed apt repository
/// served over file:// and over HTTP on loopback, refused by apt with a wrong key or without signatures; apt-get install,
/// a message queued while the next hop is down, version N+1 published beside N, apt-get upgrade keeping the edited
/// conffile, the database, the keys and the queued message (delivered after the upgrade), then a downgrade, a
/// reinstall, remove and purge. The dnf repository passes dnf repoquery with gpgcheck and repo_gpgcheck on, and the
/// signed rpm passes rpm -K.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class RepositoryTests(PackagesFixture packages)
{
    private const string Conf = "/etc/appliance/appsettings.json";

    [PackagingFact("aptly", "createrepo_c", "rpmsign", "gpg", "apt-get", "dnf")]
    public void Signed_apt_repository_installs_upgrades_downgrades_and_removes()
    {
        Purge();
        var work = Directory.CreateTempSubdirectory("appliance-repo-test-").FullName;
        try
        {
            var n = Directory.CreateDirectory(Path.Combine(work, "n")).FullName;
            File.Copy(packages.Deb, Path.Combine(n, Path.GetFileName(packages.Deb)));
            File.Copy(packages.Rpm, Path.Combine(n, Path.GetFileName(packages.Rpm)));
            var output = Path.Combine(work, "repo");
            BuildRepository(n, output);

            var apt = Path.Combine(output, "apt");
            foreach (var f in new[] { "dists/stable/InRelease", "dists/stable/Release.gpg", "dists/stable/main/binary-amd64/Packages", "appliance-archive-keyring.gpg" })
                Assert.True(File.Exists(Path.Combine(apt, f)), f + " missing");
            var keyring = Path.Combine(apt, "appliance-archive-keyring.gpg");

            // apt refuses a repository signed by another key, and one without signatures.
            var wrong = WrongKeyring(work);
            var refused = AptUpdate(work, $"deb [signed-by={wrong}] file://{apt} stable main");
            Assert.True(refused.ExitCode != 0, "apt-get update accepted a repository signed by another key:\n" + refused.Output);
            Assert.Contains("NO_PUBKEY", refused.Output);
            var unsigned = Path.Combine(work, "unsigned");
            Tool.Ok("cp", "-a", apt, unsigned);
            foreach (var f in new[] { "InRelease", "Release.gpg" }) File.Delete(Path.Combine(unsigned, "dists/stable", f));
            var notSigned = AptUpdate(work, $"deb [signed-by={keyring}] file://{unsigned} stable main");
            Assert.True(notSigned.ExitCode != 0, "apt-get update accepted an unsigned repository:\n" + notSigned.Output);

            // file:// and HTTP both work with the right key.
            var file = AptUpdate(work, $"deb [signed-by={keyring}] file://{apt} stable main");
            Assert.True(file.ExitCode == 0, "apt-get update (file://):\n" + file.Output);
            using var http = HttpServer.Start(output);
            var source = $"deb [signed-by={keyring}] http://127.0.0.1:{http.Port}/apt stable main";
            var update = AptUpdate(work, source);
            Assert.True(update.ExitCode == 0, "apt-get update (http):\n" + update.Output);

            var install = Apt(work, source, "install", "-y", "appliance");
            Assert.True(install.ExitCode == 0, "apt-get install:\n" + install.Output);
            Assert.Equal(PackagesFixture.Version, InstalledVersion());

            // Before the upgrade: the admin edits the conffile and a message waits for a next hop that is down.
            File.WriteAllText(Conf, File.ReadAllText(Conf).Replace("\"AllowedHosts\": \"*\"", "\"AllowedHosts\": \"*\", \"EditedByAdmin\": true", StringComparison.Ordinal));
            var marker = "repo-upgrade-" + Guid.NewGuid().ToString("N");
            ServiceRuns.Queue(marker);
            var before = Fingerprints();
            var dbInode = Tool.Ok("stat", "-c", "%i", "/var/lib/appliance/appliance.db").Trim();

            // Version N+1 goes into the same repository beside N.
            var next = PackagesFixture.Version + "+repotest1";
            var n1 = Directory.CreateDirectory(Path.Combine(work, "n1")).FullName;
            RepackDeb(packages.Deb, next, Path.Combine(n1, $"appliance_{next}_amd64.deb"), work);
            BuildRepository(n1, output);
            var listed = File.ReadAllText(Path.Combine(apt, "dists/stable/main/binary-amd64/Packages"));
            Assert.Contains("Version: " + PackagesFixture.Version + "\n", listed);
            Assert.Contains("Version: " + next + "\n", listed);

            Assert.True(AptUpdate(work, source).ExitCode == 0);
            var upgrade = Apt(work, source, "upgrade", "-y", "-o", "Dpkg::Options::=--force-confold");
            Assert.True(upgrade.ExitCode == 0, "apt-get upgrade:\n" + upgrade.Output);
            Assert.Equal(next, InstalledVersion());
            Assert.Contains("EditedByAdmin", File.ReadAllText(Conf));
            Assert.Equal(before, Fingerprints());
            Assert.Equal(dbInode, Tool.Ok("stat", "-c", "%i", "/var/lib/appliance/appliance.db").Trim());
            using (var sink = new SmtpSink(Ports.Free()))
                ServiceRuns.Deliver(sink, marker, "the message queued before the upgrade");

            // Rollback to N (apt keeps every version), then a reinstall: both leave a working service.
            var downgrade = Apt(work, source, "install", "-y", "--allow-downgrades", "-o", "Dpkg::Options::=--force-confold", "appliance=" + PackagesFixture.Version);
            Assert.True(downgrade.ExitCode == 0, "downgrade:\n" + downgrade.Output);
            Assert.Equal(PackagesFixture.Version, InstalledVersion());
            var reinstall = Apt(work, source, "install", "-y", "--reinstall", "-o", "Dpkg::Options::=--force-confold", "appliance");
            Assert.True(reinstall.ExitCode == 0, "reinstall:\n" + reinstall.Output);
            Assert.Contains("EditedByAdmin", File.ReadAllText(Conf));
            Assert.Equal(before, Fingerprints());
            ServiceRuns.Healthy();

            Assert.True(Apt(work, source, "remove", "-y", "appliance").ExitCode == 0);
            Assert.True(File.Exists("/var/lib/appliance/appliance.db"), "remove must keep the database");
            Assert.True(Apt(work, source, "purge", "-y", "appliance").ExitCode == 0);
            Assert.False(Directory.Exists("/var/lib/appliance"));
            // Removing twice is harmless (idempotent maintainer scripts).
            Assert.True(Apt(work, source, "purge", "-y", "appliance").ExitCode == 0);
        }
        finally
        {
            Purge();
            Directory.Delete(work, recursive: true);
        }
    }

    [PackagingFact("aptly", "createrepo_c", "rpmsign", "gpg", "dnf")]
    public void Signed_dnf_repository_passes_repoquery_with_gpg_checks_and_rpm_K()
    {
        var work = Directory.CreateTempSubdirectory("appliance-dnf-test-").FullName;
        try
        {
            var n = Directory.CreateDirectory(Path.Combine(work, "n")).FullName;
            File.Copy(packages.Rpm, Path.Combine(n, Path.GetFileName(packages.Rpm)));
            var output = Path.Combine(work, "repo");
            BuildRepository(n, output);
            var rpm = Path.Combine(output, "rpm");
            Assert.True(File.Exists(Path.Combine(rpm, "repodata/repomd.xml.asc")), "repomd.xml is not signed");
            var repoFile = File.ReadAllText(Path.Combine(rpm, "appliance.repo"));
            Assert.Contains("gpgcheck=1", repoFile);
            Assert.Contains("repo_gpgcheck=1", repoFile);

            // rpm -K against the repository key only (a private rpm database).
            var db = Directory.CreateDirectory(Path.Combine(work, "rpmdb")).FullName;
            Tool.Ok("rpm", "--dbpath", db, "--import", Path.Combine(rpm, "RPM-GPG-KEY-appliance"));
            var signedRpm = Directory.GetFiles(Path.Combine(rpm, "packages"), "*.rpm").Single();
            var check = Tool.Run("rpm", ["--dbpath", db, "-K", signedRpm]);
            Assert.True(check.ExitCode == 0, "rpm -K:\n" + check.Output);
            Assert.Contains("signatures OK", check.Stdout);
            var unknown = Tool.Run("rpm", ["--dbpath", Directory.CreateDirectory(Path.Combine(work, "emptydb")).FullName, "-K", signedRpm]);
            Assert.NotEqual(0, unknown.ExitCode); // signed, but by a key this database does not trust

            var query = RepoQuery(work, rpm, Path.Combine(rpm, "RPM-GPG-KEY-appliance"), "root");
            Assert.True(query.ExitCode == 0, "dnf repoquery:\n" + query.Output);
            Assert.Contains($"appliance-{PackagesFixture.Version}-1", query.Stdout);
            // With another key, dnf refuses the signed repodata and finds nothing.
            var otherKey = Path.Combine(work, "other.asc");
            File.Copy(WrongKeyring(work, armor: true), otherKey);
            var refused = RepoQuery(work, rpm, otherKey, "root-wrong");
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("GPG signature verification error", refused.Output);
            Assert.DoesNotContain($"appliance-{PackagesFixture.Version}-1", refused.Stdout);

            // rpmlint checks the signature too: it sees the repository key through a private rpm database, and the
            // packaged rpmlintrc's filter for the unsigned build is dropped.
            var home = Directory.CreateDirectory(Path.Combine(work, "home")).FullName;
            File.WriteAllText(Path.Combine(home, ".rpmmacros"), $"%_dbpath {db}\n");
            var rc = Path.Combine(work, "signed.rpmlintrc");
            File.WriteAllLines(rc, File.ReadAllLines(Path.Combine(PackagesFixture.RepoRoot, "packaging/rpm/appliance.rpmlintrc"))
                .Where(l => !l.Contains("no-signature", StringComparison.Ordinal)));
            var lint = Tool.Run("rpmlint", ["-r", rc, signedRpm], TimeSpan.FromMinutes(3), new Dictionary<string, string> { ["HOME"] = home });
            Assert.True(lint.ExitCode == 0, "rpmlint on the signed rpm:\n" + lint.Output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void BuildRepository(string packagesDir, string output)
    {
        var r = Tool.Run("/bin/bash", [Path.Combine(PackagesFixture.RepoRoot, "packaging/repo/build.sh"), output], TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["PACKAGES_DIR"] = packagesDir, ["REPO_THROWAWAY_KEY"] = "1" });
        Assert.True(r.ExitCode == 0, "packaging/repo/build.sh:\n" + r.Output);
    }

    private static Tool.Result RepoQuery(string work, string rpmRepo, string key, string root) => Tool.Run("dnf", [
        "-y", "--installroot", Path.Combine(work, root), "--releasever", "40", "--disablerepo=*",
        $"--repofrompath=appliance,file://{rpmRepo}", "--enablerepo=appliance", "--setopt=skip_if_unavailable=False",
        "--setopt=appliance.gpgcheck=1", "--setopt=appliance.repo_gpgcheck=1", $"--setopt=appliance.gpgkey=file://{key}",
        "repoquery", "--qf", "%{name}-%{version}-%{release}", "appliance"], TimeSpan.FromMinutes(3));

    private static string WrongKeyring(string work, bool armor = false)
    {
        var home = Directory.CreateDirectory(Path.Combine(work, "wrong-gnupg-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        var env = new Dictionary<string, string> { ["GNUPGHOME"] = home };
        Tool.Ok("chmod", "700", home);
        var gen = Tool.Run("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", "Someone else <other@appliance.invalid>", "rsa2048", "sign", "never"], TimeSpan.FromMinutes(2), env);
        Assert.True(gen.ExitCode == 0, gen.Output);
        var keyring = Path.Combine(home, armor ? "wrong-key.asc" : "wrong-keyring.gpg");
        var export = Tool.Run("gpg", armor ? ["--batch", "--yes", "--armor", "--output", keyring, "--export"] : ["--batch", "--yes", "--output", keyring, "--export"], env: env);
        Assert.True(export.ExitCode == 0, export.Output);
        return keyring;
    }

    /// <summary>apt-get with only this repository as a source (Debian's own lists are left alone).</summary>
    private static Tool.Result Apt(string work, string sourceLine, params string[] args)
    {
        var list = Path.Combine(work, "appliance.list");
        File.WriteAllText(list, sourceLine + "\n");
        return Tool.Run("apt-get", [
            "-o", $"Dir::Etc::SourceList={list}", "-o", "Dir::Etc::SourceParts=-", "-o", "APT::Get::List-Cleanup=0",
            "-o", "APT::Sandbox::User=root", "-o", "Acquire::Retries=0", .. args], TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });
    }

    private static Tool.Result AptUpdate(string work, string sourceLine) => Apt(work, sourceLine, "update", "-o", "APT::Update::Error-Mode=any");

    private static string? InstalledVersion()
    {
        var r = Tool.Run("dpkg-query", ["-W", "-f=${Version}", "appliance"]);
        return r.ExitCode == 0 ? r.Stdout.Trim() : null;
    }

    /// <summary>The same payload under another version: what the next release looks like to apt.</summary>
    private static void RepackDeb(string deb, string version, string target, string work)
    {
        var tree = Path.Combine(work, "repack");
        Tool.Ok("dpkg-deb", "-R", deb, tree);
        var control = Path.Combine(tree, "DEBIAN", "control");
        File.WriteAllLines(control, File.ReadAllLines(control).Select(l => l.StartsWith("Version: ", StringComparison.Ordinal) ? "Version: " + version : l));
        var r = Tool.Run("dpkg-deb", ["-Zgzip", "--root-owner-group", "-b", tree, target], TimeSpan.FromMinutes(3));
        Assert.True(r.ExitCode == 0, r.Output);
        Directory.Delete(tree, recursive: true);
    }

    /// <summary>Hashes of what an upgrade must never change: API key, TLS key, Data Protection and DKIM keys.</summary>
    private static string Fingerprints()
    {
        var files = new List<string> { "/etc/appliance/api-key", "/var/lib/appliance/tls/appliance.key" };
        foreach (var dir in new[] { "/var/lib/appliance/keys", "/var/lib/appliance/dataprotection-keys", "/var/lib/appliance/dkim" })
            if (Directory.Exists(dir)) files.AddRange(Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        return string.Join("\n", files.Where(File.Exists).Select(f => f + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));
    }

    private static void Purge()
    {
        if (Tool.Run("dpkg-query", ["-W", "appliance"]).ExitCode == 0)
            Tool.Run("dpkg", ["--purge", "appliance"], TimeSpan.FromMinutes(2));
    }

    /// <summary>python3's http.server on a loopback port, serving a folder.</summary>
    private sealed class HttpServer : IDisposable
    {
        private readonly System.Diagnostics.Process _process;

        private HttpServer(System.Diagnostics.Process process, int port)
        {
            _process = process;
            Port = port;
        }

        public int Port { get; }

        public static HttpServer Start(string folder)
        {
            var port = Ports.Free();
            var p = System.Diagnostics.Process.Start(Tool.StartInfo("/usr/bin/python3", ["-m", "http.server", "--bind", "127.0.0.1", "--directory", folder, port.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            for (var i = 0; i < 100; i++)
            {
                try
                {
                    using var c = new TcpClient();
                    c.Connect("127.0.0.1", port);
                    return new HttpServer(p, port);
                }
                catch (SocketException)
                {
                    Thread.Sleep(100);
                }
            }
            p.Kill();
            throw new InvalidOperationException("http.server did not start");
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill();
            _process.Dispose();
        }
    }
}
