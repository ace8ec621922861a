using System.Diagnostics;
using System.Net;

namespace Appliance.Mta.Tests.Smtp.Server.Fakes;

/// <summary>Runs a script with Debian's Python (smtplib) as a real SMTP client; the script gets host and port as
/// sys.argv[1] and sys.argv[2] and prints its findings.</summary>
internal static class PythonSmtp
{
    private const string Python = "/usr/bin/python3";

    public static async Task<string> RunAsync(string script, IPEndPoint server, TimeSpan timeout)
    {
        var dir = Directory.CreateTempSubdirectory("pysmtp-");
        try
        {
            var path = Path.Combine(dir.FullName, "client.py");
            await File.WriteAllTextAsync(path, script);
            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(path);
            start.ArgumentList.Add(server.Address.ToString());
            start.ArgumentList.Add(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout); // hang guard only
            await process.WaitForExitAsync(cts.Token);
            if (process.ExitCode != 0) throw new InvalidOperationException($"python client failed ({process.ExitCode}): {await stderr}");
            return (await stdout).Trim();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
