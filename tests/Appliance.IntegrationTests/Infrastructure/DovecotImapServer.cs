using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's dovecot-imapd as a child process with a generated configuration in a scratch folder (not the system
/// service): IMAPS only on a free 127.0.0.1 port with a freshly generated self-signed certificate (its SHA-256
/// fingerprint is <see cref="CertificateSha256"/>), one user from a passwd-file, Maildir storage. Messages are put
/// into the INBOX as Maildir files. Killed (with its children) on dispose.
/// </summary>
public sealed class DovecotImapServer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/dovecot";

    private ProcessRunner? _process;
    private int _delivered;

    private DovecotImapServer(string dir) => Dir = dir;

    public string Dir { get; }

    public int Port { get; private set; }

    public string User { get; } = "reports";

    public string Password { get; } = "pw-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Upper-case hex SHA-256 of the server certificate's DER bytes.</summary>
    public string CertificateSha256 { get; private set; } = "";

    private string Maildir => Path.Combine(Dir, "mail", User, "Maildir");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Why dovecot cannot run here, or null.</summary>
    public static string? MissingReason => File.Exists(Binary) ? null : "missing test peer: dovecot (apt-get install dovecot-imapd)";

    public static async Task<DovecotImapServer> StartAsync(string dir)
    {
        var server = new DovecotImapServer(dir);
        await server.StartCoreAsync();
        return server;
    }

    /// <summary>Puts a message into the user's INBOX (Maildir new/).</summary>
    public async Task DeliverAsync(byte[] message)
    {
        var name = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.M{Interlocked.Increment(ref _delivered)}P{Environment.ProcessId}.it";
        var tmp = Path.Combine(Maildir, "tmp", name);
        await File.WriteAllBytesAsync(tmp, message);
        File.Move(tmp, Path.Combine(Maildir, "new", name));
        await OwnAsync(Maildir);
    }

    /// <summary>Messages in a folder ("INBOX" or a Maildir++ folder name such as "Processed").</summary>
    public int Count(string folder)
    {
        var root = folder == "INBOX" ? Maildir : Path.Combine(Maildir, "." + folder);
        return new[] { "new", "cur" }.Select(d => Path.Combine(root, d)).Where(Directory.Exists).Sum(d => Directory.GetFiles(d).Length);
    }

    public string Log() => File.Exists(Path.Combine(Dir, "dovecot.log")) ? File.ReadAllText(Path.Combine(Dir, "dovecot.log")) : "";

    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
    }

    private async Task StartCoreAsync()
    {
        Directory.CreateDirectory(Dir);
        foreach (var d in new[] { "new", "cur", "tmp" }) Directory.CreateDirectory(Path.Combine(Maildir, d));
        WriteCertificate();
        await File.WriteAllTextAsync(Path.Combine(Dir, "passwd"), $"{User}:{{PLAIN}}{Password}::::::\n");
        Port = PortAllocator.Next();
        // As root, dovecot's own unprivileged users run the login and mail processes; otherwise the current user does.
        var internalUser = IsRoot ? "dovecot" : Environment.UserName;
        var loginUser = IsRoot ? "dovenull" : Environment.UserName;
        await File.WriteAllTextAsync(Path.Combine(Dir, "dovecot.conf"), $$"""
            base_dir = {{Dir}}/run
            state_dir = {{Dir}}/state
            log_path = {{Dir}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = required
            ssl_cert = <{{Dir}}/cert.pem
            ssl_key = <{{Dir}}/key.pem
            default_internal_user = {{internalUser}}
            default_login_user = {{loginUser}}
            first_valid_uid = 1
            mail_location = maildir:~/Maildir
            auth_mechanisms = plain login
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{Dir}}/passwd
            }
            userdb {
              driver = static
              args = uid={{internalUser}} gid={{internalUser}} home={{Dir}}/mail/%u
            }
            service imap-login {
              chroot =
              inet_listener imap {
                port = 0
              }
              inet_listener imaps {
                port = {{Port}}
                ssl = yes
              }
            }
            service anvil {
              chroot =
            }
            """);
        await OwnAsync(Path.Combine(Dir, "mail"));
        _process = ProcessRunner.Start(Binary, ["-F", "-c", Path.Combine(Dir, "dovecot.conf")], Path.Combine(Dir, "dovecot.out"));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited) break;
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException($"dovecot did not listen on {Port}: {_process.Tail(20)}\n{Log()}");
    }

    private void WriteCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=imap.reports.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("imap.reports.test");
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(Path.Combine(Dir, "cert.pem"), cert.ExportCertificatePem());
        File.WriteAllText(Path.Combine(Dir, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        CertificateSha256 = Convert.ToHexString(SHA256.HashData(cert.RawData));
    }

    private static async Task OwnAsync(string path)
    {
        if (!IsRoot) return;
        var (code, output) = await ProcessRunner.RunAsync("/bin/chown", ["-R", "dovecot:dovecot", path], TimeSpan.FromSeconds(10));
        if (code != 0) throw new InvalidOperationException("chown failed: " + output);
    }
}
