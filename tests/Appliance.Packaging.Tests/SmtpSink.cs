using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Packaging.Tests;

/// <summary>Debian's aiosmtpd as a loopback sink (/usr/bin/python3 by full path: STACK-NOTES 5); prints every message.</summary>
public sealed class SmtpSink : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public SmtpSink(int port)
    {
        Port = port;
        process = new Process { StartInfo = Tool.StartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}"]) };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Ports.WaitListening(port, TimeSpan.FromSeconds(30), () => process.HasExited ? "aiosmtpd exited:\n" + Output : null);
    }

    public int Port { get; }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
