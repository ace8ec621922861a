namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>Verifies a message's first DKIM signature with Debian's python3-dkim, keys looked up in dnsmasq.</summary>
public static class DkimVerify
{
    /// <summary>The selector (s=) of the verified signature; throws with the output when it does not verify.</summary>
    public static async Task<string> SelectorAsync(byte[] message, DnsmasqServer dns, string workDir)
    {
        var path = Path.Combine(workDir, $"dkim-{Guid.NewGuid():N}.eml");
        await File.WriteAllBytesAsync(path, message);
        var (exit, output) = await ProcessRunner.RunAsync(ToolPaths.Python, ["-c", Script, path, dns.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(30));
        if (exit != 0) throw new InvalidOperationException($"python3-dkim did not verify the message:\n{output}\n{System.Text.Encoding.Latin1.GetString(message)}");
        return output.Trim().Split('\n')[^1].Trim();
    }

    private const string Script = """
        import sys, re, dkim, dns.resolver
        r = dns.resolver.Resolver(configure=False)
        r.nameservers = ['127.0.0.1']
        r.port = int(sys.argv[2])
        def dnsfunc(name, timeout=5):
            name = name.decode() if isinstance(name, bytes) else name
            try:
                answer = r.resolve(name.rstrip('.'), 'TXT', lifetime=timeout)
            except Exception:
                return None
            return b''.join(b''.join(rr.strings) for rr in answer)
        data = open(sys.argv[1], 'rb').read()
        if not dkim.verify(data, dnsfunc=dnsfunc):
            print('FAIL'); sys.exit(1)
        header = [v for k, v in __import__('email').message_from_bytes(data).items() if k.lower() == 'dkim-signature'][0]
        print(re.search(r's=([^;\s]+)', header).group(1))
        """;
}
