using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Appliance.Web.E2ETests.Monitoring;

namespace Appliance.Web.E2ETests.TenantUsers;

/// <summary>
/// Debian's aiosmtpd as a loopback SMTP sink that records every message (its Mailbox handler writes a maildir), so a
/// test can read what the appliance delivered; killed on dispose.
/// </summary>
public sealed class MaildirSink : IAsyncDisposable
{
    private readonly Process _process;

    private MaildirSink(Process process, int port, string dir)
    {
        _process = process;
        Port = port;
        Directory = dir;
    }

    public int Port { get; }

    public string Directory { get; }

    public static async Task<MaildirSink> StartAsync()
    {
        var port = SmtpSink.FreePort();
        // A path that does not exist yet: Python's Maildir creates new/cur/tmp only when it creates the folder itself.
        var dir = Path.Combine(System.IO.Directory.CreateTempSubdirectory("appliance-e2e-maildir-").FullName, "maildir");
        var process = Process.Start(new ProcessStartInfo(SmtpSink.Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", dir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("aiosmtpd did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var sink = new MaildirSink(process, port, dir);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return sink;
            }
            catch (SocketException)
            {
                if (process.HasExited) break;
                await Task.Delay(100);
            }
        }
        await sink.DisposeAsync();
        throw new InvalidOperationException($"aiosmtpd is not listening on 127.0.0.1:{port}");
    }

    /// <summary>The first recorded message containing <paramref name="text"/>, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var newMail = Path.Combine(Directory, "new");
            if (System.IO.Directory.Exists(newMail))
                foreach (var file in System.IO.Directory.GetFiles(newMail))
                {
                    var content = await File.ReadAllTextAsync(file);
                    if (content.Contains(text, StringComparison.Ordinal)) return content;
                }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No message containing '{text}' reached the sink within {timeout}.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        try { System.IO.Directory.Delete(Path.GetDirectoryName(Directory)!, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
