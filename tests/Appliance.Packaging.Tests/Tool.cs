using System.Diagnostics;
using System.Text;

namespace Appliance.Packaging.Tests;

/// <summary>Runs external commands (dpkg, rpm, stat, ...) and captures their output.</summary>
public static class Tool
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;
    }

    /// <summary>Full path of <paramref name="name"/> on PATH (plus the sbin folders), or null.</summary>
    public static string? Find(string name)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
    }

    public static Result Run(string file, IEnumerable<string> args, TimeSpan? timeout = null, IDictionary<string, string>? env = null)
    {
        using var p = new Process { StartInfo = StartInfo(file, args, env) };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish; output so far:\n{stdout}{stderr}");
        }
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs and asserts exit code 0, returning stdout.</summary>
    public static string Ok(string file, params string[] args)
    {
        var r = Run(file, args);
        Assert.True(r.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {r.ExitCode}:\n{r.Output}");
        return r.Stdout;
    }

    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // The test host's MSBuild variables would redirect the `dotnet publish` that build.sh runs.
        foreach (var key in psi.Environment.Keys.Where(k =>
                     k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) ||
                     k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            psi.Environment.Remove(key);
        if (env is not null)
            foreach (var (k, v) in env) psi.Environment[k] = v;
        return psi;
    }
}
