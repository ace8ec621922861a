namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// The product as a child process: <c>dotnet Appliance.Web.dll</c> with the settings on the
/// command line. Can be killed with SIGKILL and started again on the same DataDir.
/// </summary>
public sealed class ApplianceProcess : IAsyncDisposable
{
    private readonly string _workDir;
    private ProcessRunner? _process;
    private int _generation;

    /// <summary>Creates (does not start) an instance with its DataDir under <paramref name="workDir"/>.</summary>
    public ApplianceProcess(ApplianceSettings settings, string workDir)
    {
        Settings = settings;
        _workDir = workDir;
        DataDir = Path.Combine(workDir, "data");
        Api = new ApplianceApi(settings.HttpPort, ApplianceSettings.ApiKey, settings.Address);
    }

    /// <summary>Ports and options.</summary>
    public ApplianceSettings Settings { get; }

    /// <summary>The appliance's DataDir (kept across restarts).</summary>
    public string DataDir { get; }

    /// <summary>Admin API client with the bootstrap key.</summary>
    public ApplianceApi Api { get; }

    /// <summary>Log of the current (or last) process run.</summary>
    public string LogPath => _process?.LogPath ?? "";

    /// <summary>
    /// Appliance.Web.dll: $APPLIANCE_WEB_DLL; else the path the build embedded (assembly metadata
    /// "ApplianceWebDll", asked from the project reference); else the sibling of this test assembly
    /// in a shared artifacts layout (bin/Appliance.IntegrationTests/&lt;config&gt;/ -> bin/Appliance.Web/&lt;config&gt;/).
    /// </summary>
    public static string WebDllPath
    {
        get
        {
            if (Environment.GetEnvironmentVariable("APPLIANCE_WEB_DLL") is { Length: > 0 } env)
            {
                return env;
            }

            var embedded = typeof(ApplianceProcess).Assembly
                .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .OfType<System.Reflection.AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "ApplianceWebDll")?.Value;
            if (embedded is { Length: > 0 } && File.Exists(embedded))
            {
                return embedded;
            }

            var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var config = baseDir.Name;                 // "debug" / "release"
            var bin = baseDir.Parent!.Parent!.FullName; // <artifacts>/bin
            var sibling = Path.Combine(bin, "Appliance.Web", config, "Appliance.Web.dll");
            return File.Exists(sibling) || embedded is not { Length: > 0 } ? sibling : embedded;
        }
    }

    /// <summary>Starts the process and waits until GET /healthz answers 200.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("already running");
        }

        var dll = WebDllPath;
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Appliance.Web.dll not found at {dll} (build src/Appliance.Web, or set APPLIANCE_WEB_DLL)", dll);
        }

        Directory.CreateDirectory(DataDir);
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _generation++;
        _process = ProcessRunner.Start(
            "dotnet",
            [dll, .. Settings.Arguments(DataDir)],
            Path.Combine(_workDir, $"appliance.{_generation}.log"),
            workingDirectory: Path.GetDirectoryName(dll),
            environment: new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DOTNET_NOLOGO"] = "1",
                ["Logging__LogLevel__Default"] = "Information",
            });

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = $"http://{Settings.Address}:{Settings.HttpPort}/healthz";
        var last = "no answer";
        var healthy = await Eventually.TryAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    return true;
                }

                try
                {
                    using var r = await probe.GetAsync(url);
                    last = $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}";
                    return r.IsSuccessStatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    last = e.Message;
                    return false;
                }
            },
            timeout ?? TimeSpan.FromSeconds(120), // a loaded 2-core machine can take over a minute to start the host
            TimeSpan.FromMilliseconds(250));
        if (!healthy || _process.HasExited)
        {
            var why = _process.HasExited ? $"exited with {_process.ExitCode}" : $"no 200 from /healthz in time; last: {last}";
            throw new InvalidOperationException($"appliance did not become healthy ({why}); log {_process.LogPath}:\n{_process.Tail(80)}");
        }
    }

    /// <summary>SIGKILL, no shutdown hooks (the crash test).</summary>
    public void KillHard() => _process?.KillHard();

    /// <summary>kill -9 then start again on the same DataDir and ports.</summary>
    public async Task CrashAndRestartAsync()
    {
        KillHard();
        await StartAsync();
    }

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>All JSON event lines under DataDir/events (every file, any name).</summary>
    public IReadOnlyList<string> EventLines()
    {
        var dir = Path.Combine(DataDir, "events");
        if (!Directory.Exists(dir))
        {
            return [];
        }

        var lines = new List<string>();
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                using var fs = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(fs);
                while (reader.ReadLine() is { } line)
                {
                    if (line.StartsWith('{'))
                    {
                        lines.Add(line);
                    }
                }
            }
            catch (IOException)
            {
                // rotated away while reading
            }
        }

        return lines;
    }

    /// <summary>The event lines parsed (type, recipient, sender).</summary>
    public IReadOnlyList<EventLine> Events() => [.. EventLines().Select(EventLine.TryParse).OfType<EventLine>()];

    /// <summary>Tail of the current log, for failure messages.</summary>
    public string Tail(int lines = 60) => _process?.Tail(lines) ?? "(not started)";

    /// <summary>The instance's database on PostgreSQL runs (<see cref="TestDatabase"/>); null on SQLite runs (appliance.db in DataDir).</summary>
    public string? PostgreSqlConnectionString => TestDatabase.IsPostgreSql ? TestDatabase.ConnectionString(DataDir) : null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        TestDatabase.Drop(DataDir);
        Api.Dispose();
    }
}
