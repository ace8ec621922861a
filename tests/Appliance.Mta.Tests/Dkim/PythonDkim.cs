using System.Diagnostics;
using System.Text.Json;

namespace Appliance.Mta.Tests.Dkim;

/// <summary>Debian's python3-dkim (dkimpy) as an independent verifier and signer; DNS answers come from a dictionary
/// passed as dnsfunc, so nothing is looked up.</summary>
internal static class PythonDkim
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys, json, dkim
        mode, msg_path, arg_path = sys.argv[1], sys.argv[2], sys.argv[3]
        msg = open(msg_path, 'rb').read()
        arg = json.load(open(arg_path))
        if mode == 'verify':
            def dnsfunc(name, timeout=5):
                n = name.decode() if isinstance(name, bytes) else name
                v = arg.get(n.rstrip('.').lower())
                return v.encode() if v is not None else None
            d = dkim.DKIM(msg)
            n = sum(1 for h in d.headers if h[0].lower() == b'dkim-signature')
            print(json.dumps([bool(d.verify(idx=i, dnsfunc=dnsfunc)) for i in range(n)]))
        else:
            sig = dkim.sign(msg, arg['selector'].encode(), arg['domain'].encode(), arg['key'].encode(),
                            canonicalize=(b'relaxed', b'relaxed'), include_headers=[b'from', b'to', b'subject'])
            sys.stdout.buffer.write(sig)
        """;

    public static bool Available => File.Exists(Python) && Run("-c", "import dkim, nacl").ExitCode == 0;

    /// <summary>One result per DKIM-Signature field, in header order.</summary>
    public static IReadOnlyList<bool> Verify(byte[] message, IReadOnlyDictionary<string, string> txtRecords)
    {
        var records = txtRecords.ToDictionary(r => r.Key.ToLowerInvariant(), r => r.Value);
        var output = RunScript("verify", message, JsonSerializer.Serialize(records));
        return JsonSerializer.Deserialize<bool[]>(output)!;
    }

    /// <summary>The DKIM-Signature field dkimpy computes (relaxed/relaxed, h=from:to:subject) with an RSA PEM key.</summary>
    public static byte[] SignRsa(byte[] message, string domain, string selector, string privateKeyPem)
    {
        var arg = JsonSerializer.Serialize(new Dictionary<string, string> { ["domain"] = domain, ["selector"] = selector, ["key"] = privateKeyPem });
        return System.Text.Encoding.ASCII.GetBytes(RunScript("sign", message, arg));
    }

    private static string RunScript(string mode, byte[] message, string argument)
    {
        var dir = Directory.CreateTempSubdirectory("dkim-test-");
        try
        {
            var script = Path.Combine(dir.FullName, "dkim_tool.py");
            var msg = Path.Combine(dir.FullName, "message.eml");
            var arg = Path.Combine(dir.FullName, "arg.json");
            File.WriteAllText(script, Script);
            File.WriteAllBytes(msg, message);
            File.WriteAllText(arg, argument);
            var result = Run(script, mode, msg, arg);
            if (result.ExitCode != 0) throw new InvalidOperationException($"dkimpy failed ({result.ExitCode}): {result.Error}");
            return result.Output;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
