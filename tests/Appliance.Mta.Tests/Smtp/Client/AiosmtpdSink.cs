using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Appliance.Mta.Tests.Smtp.Client;

/// <summary>Runs /usr/bin/python3 -m aiosmtpd with delivery_sink.py on a free loopback port; killed on dispose.</summary>
public sealed class AiosmtpdSink : IAsyncDisposable
{
    private readonly Process _process;

    private AiosmtpdSink(Process process, int port, string folder)
    {
        _process = process;
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
        Folder = folder;
    }

    public IPEndPoint EndPoint { get; }

    public string Folder { get; }

    public static async Task<AiosmtpdSink> StartAsync([CallerFilePath] string thisFile = "")
    {
        var scriptDir = FindScriptFolder(thisFile);
        var folder = Directory.CreateTempSubdirectory("delivery-sink-").FullName;
        var port = PythonPeer.FreeLoopbackPort();
        var process = PythonPeer.Start(["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "delivery_sink.Sink", folder], "aiosmtpd", scriptDir);
        var sink = new AiosmtpdSink(process, port, folder);
        if (await PythonPeer.WaitForListenAsync(process, port, "aiosmtpd")) return sink;
        await sink.DisposeAsync();
        throw new InvalidOperationException("aiosmtpd did not listen");
    }

    private static string FindScriptFolder(string thisFile)
    {
        var beside = Path.GetDirectoryName(thisFile);
        if (beside is not null && File.Exists(Path.Combine(beside, "delivery_sink.py"))) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Appliance.Mta.Tests", "Smtp", "Client");
            if (File.Exists(Path.Combine(candidate, "delivery_sink.py"))) return candidate;
        }
        throw new FileNotFoundException("delivery_sink.py not found");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
