using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Web.E2ETests.Infrastructure;

/// <summary>
/// The host started exactly the way README.md says (`dotnet run --project src/Appliance.Web`, from the repository
/// root, no environment variables: Production, build output, content root src/Appliance.Web), with only a temporary
/// DataDir, a free HTTP port and the SMTP listeners off passed as command-line switches. `dotnet run` builds the
/// Debug configuration first, so the first start can take minutes on a loaded CI machine.
/// </summary>
public class ReadmeHost : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);
    private readonly StringBuilder _output = new();
    private Process? _process;

    public string DataDir { get; } = Directory.CreateTempSubdirectory("appliance-readme-").FullName;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Appliance.sln"))) return dir.FullName;
        throw new InvalidOperationException("Appliance.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// README's way runs on the defaults (SQLite in the data folder): on PostgreSQL runs it is not started and its tests
    /// skip (<see cref="SkipReason"/>). A subclass that is not about the defaults passes the test database instead.
    /// </summary>
    protected virtual bool UsesDefaultDatabase => true;

    /// <summary>More `--Key=Value` switches after the standard ones (a subclass's configuration, e.g. a bootstrap admin).</summary>
    protected virtual IEnumerable<string> Switches => [];

    /// <summary>
    /// Whether start-up waits for the setup link in the output too (a fresh appliance prints it; one whose bootstrap
    /// configuration creates the admin has no setup to do).
    /// </summary>
    protected virtual bool WaitsForSetupLink => true;

    /// <summary>The skip reason of the README host's tests on PostgreSQL runs.</summary>
    public const string SkipReason = "README's command runs on the defaults (SQLite in the data folder)";

    public virtual async Task InitializeAsync()
    {
        if (UsesDefaultDatabase && TestDatabase.IsPostgreSql) return;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var (workingDirectory, command) = await CommandAsync();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command.Concat([$"--Appliance:DataDir={DataDir}", $"--Appliance:Http=127.0.0.1:{port}",
                     "--Appliance:Smtp:Relay=", "--Appliance:Smtp:Submission=", "--Appliance:Smtp:Smtps="])
                     .Concat(UsesDefaultDatabase ? [] : TestDatabase.Arguments(DataDir))
                     .Concat(Switches))
            start.ArgumentList.Add(a);
        // A user's shell has none of these; the test runner's environment must not leak into "the README's way".
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HOSTINGSTARTUPASSEMBLIES" })
            start.Environment.Remove(name);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"dotnet run exited with {_process.ExitCode}:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the host did not answer within {StartTimeout}:\n{Output}");
            try
            {
                // /healthz needs the SMTP listeners (none here); the login page answers once the host is up.
                if ((await http.GetAsync(BaseUrl + "/account/login")).StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect
                    && (!WaitsForSetupLink || Output.Contains("/setup?token=", StringComparison.Ordinal))) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
    }

    /// <summary>Where to start and the `dotnet` arguments before the switches: README.md's command.</summary>
    protected virtual Task<(string WorkingDirectory, string[] Command)> CommandAsync() =>
        Task.FromResult((RepositoryRoot(), new[] { "run", "--project", "src/Appliance.Web", "--" }));

    public virtual async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (!UsesDefaultDatabase) TestDatabase.Drop(DataDir);
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
