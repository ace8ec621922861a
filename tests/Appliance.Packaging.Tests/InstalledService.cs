using System.Diagnostics;
using System.Text;

namespace Appliance.Packaging.Tests;

/// <summary>
/// Runs the installed service the way the unit does (its User=, WorkingDirectory=, Environment= and ExecStart=,
/// read from the installed unit file) under runuser, since CI has no running systemd. Extra switches override
/// the packaged ports with loopback high ports.
/// </summary>
public sealed class InstalledService : IDisposable
{
    public const string UnitPath = "/usr/lib/systemd/system/appliance.service";

    private readonly Process process;
    private readonly StringBuilder output = new();

    public InstalledService(IEnumerable<string> switches)
    {
        var unit = ReadUnit();
        var args = new List<string> { "-u", unit["User"].Single(), "--", "env" };
        args.AddRange(unit["Environment"]);
        args.AddRange(unit["ExecStart"].Single().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        args.AddRange(switches);
        var psi = Tool.StartInfo("runuser", args);
        psi.WorkingDirectory = unit["WorkingDirectory"].Single();
        process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public bool HasExited => process.HasExited;

    /// <summary>Key -> values of the [Service] section of the installed unit.</summary>
    public static ILookup<string, string> ReadUnit() =>
        File.ReadAllLines(UnitPath)
            .SkipWhile(l => l.Trim() != "[Service]").Skip(1)
            .TakeWhile(l => !l.StartsWith('['))
            .Where(l => l.Contains('=') && !l.TrimStart().StartsWith('#'))
            .Select(l => (Key: l[..l.IndexOf('=')].Trim(), Value: l[(l.IndexOf('=') + 1)..].Trim()))
            .ToLookup(kv => kv.Key, kv => kv.Value);

    /// <summary>SIGTERM (what systemd sends), then waits for a graceful exit.</summary>
    public bool Stop()
    {
        if (process.HasExited) return true;
        Tool.Run("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (process.WaitForExit(TimeSpan.FromSeconds(60))) return true;
        process.Kill(entireProcessTree: true);
        return false;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
