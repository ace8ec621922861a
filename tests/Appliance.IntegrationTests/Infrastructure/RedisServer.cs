using System.Net.Sockets;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's <c>redis-server</c> as a child process on 127.0.0.1 and a random port, without persistence
/// (no RDB snapshots, no AOF): the cluster tests' shared Redis.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    /// <summary>Where Debian's package installs it.</summary>
    public const string Path = "/usr/bin/redis-server";

    private ProcessRunner? _process;
    private string? _workDir;

    /// <summary>The port it listens on.</summary>
    public int Port { get; } = PortAllocator.Next();

    /// <summary>"127.0.0.1:port", the appliance's Appliance:Cluster:Redis.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>The reason the server cannot run here, or null.</summary>
    public static string? MissingReason => File.Exists(Path) ? null : $"{Path} not installed (Debian package redis-server)";

    /// <summary>Starts it and waits until it accepts connections.</summary>
    public async Task StartAsync(string workDir)
    {
        Directory.CreateDirectory(workDir);
        _workDir = workDir;
        _process = ProcessRunner.Start(Path,
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--dir", workDir, "--protected-mode", "yes"],
            System.IO.Path.Combine(workDir, "redis.log"));
        var up = await Eventually.TryAsync(async () =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100));
        if (!up) throw new InvalidOperationException($"redis-server did not start:\n{_process.Tail(20)}");
    }

    /// <summary>Kills it (SIGKILL): every connection drops and nothing it held survives (no persistence).</summary>
    public void Kill() => _process?.KillHard();

    /// <summary>Starts it again on the same port (after <see cref="Kill"/>), empty.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        await StartAsync(_workDir ?? throw new InvalidOperationException("never started"));
    }

    /// <summary>Tail of its log.</summary>
    public string Tail(int lines = 20) => _process?.Tail(lines) ?? "(not started)";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
    }
}
