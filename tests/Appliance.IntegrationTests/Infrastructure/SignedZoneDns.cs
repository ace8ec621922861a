using System.Globalization;
using System.Text;

namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// DNSSEC on loopback from Debian packages: zones signed at test time with fresh keys (ldns-keygen, ldns-signzone),
/// served by nsd on one port, and unbound on another validating them from a trust anchor (the DS of the signing key)
/// and forwarding every zone to nsd by stub-zone (nothing is asked beyond loopback). Both run as non-daemon children
/// (no chroot, no user switch). A zone can be <see cref="ZoneSigning.Unsigned"/> (insecure: no trust anchor covers
/// it) or <see cref="ZoneSigning.WrongAnchor"/> (signed, but unbound trusts another key: every answer bogus).
/// </summary>
public sealed class SignedZoneDns : IAsyncDisposable
{
    public const string Nsd = "/usr/sbin/nsd";
    public const string Unbound = "/usr/sbin/unbound";
    public const string LdnsKeygen = "/usr/bin/ldns-keygen";
    public const string LdnsSignzone = "/usr/bin/ldns-signzone";
    public const string Drill = "/usr/bin/drill";
    public const string Openssl = "/usr/bin/openssl";

    private readonly List<(string Name, string Records, ZoneSigning Signing)> _zones = [];
    private ProcessRunner? _nsd;
    private ProcessRunner? _unbound;
    private string _dir = "";

    public int NsdPort { get; private set; }

    public int ResolverPort { get; private set; }

    /// <summary>The validating resolver, for Appliance:Dns:Servers.</summary>
    public string Endpoint => $"127.0.0.1:{ResolverPort}";

    /// <summary>Which of the tools is missing, or null.</summary>
    public static string? MissingTools()
    {
        string[] tools = [Nsd, Unbound, LdnsKeygen, LdnsSignzone, Drill, Openssl];
        var missing = tools.Where(t => !File.Exists(t)).ToList();
        return missing.Count == 0 ? null : $"{string.Join(", ", missing)} (apt-get install nsd unbound ldnsutils openssl)";
    }

    /// <summary>Adds a zone: <paramref name="records"/> are zone-file lines relative to the apex (SOA and NS are added).</summary>
    public SignedZoneDns Zone(string name, ZoneSigning signing, params string[] records)
    {
        _zones.Add((name.TrimEnd('.'), string.Join('\n', records), signing));
        return this;
    }

    public async Task StartAsync(string workDir)
    {
        _dir = Path.Combine(workDir, "dnssec");
        Directory.CreateDirectory(_dir);
        NsdPort = PortAllocator.Next();
        ResolverPort = PortAllocator.Next();
        var anchors = new List<string>();
        var nsdZones = new StringBuilder();
        foreach (var (name, records, signing) in _zones)
        {
            var file = Path.Combine(_dir, name + ".zone");
            await File.WriteAllTextAsync(file,
                $"$ORIGIN {name}.\n$TTL 300\n@ IN SOA ns.{name}. hostmaster.{name}. 1 3600 600 86400 300\n@ IN NS ns.{name}.\nns IN A 127.0.0.1\n{records}\n");
            var served = file;
            if (signing != ZoneSigning.Unsigned)
            {
                var key = await RunAsync(LdnsKeygen, ["-a", "ECDSAP256SHA256", "-k", name]);
                var inception = DateTime.UtcNow.AddDays(-1).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
                var expiration = DateTime.UtcNow.AddDays(7).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
                await RunAsync(LdnsSignzone, ["-i", inception, "-e", expiration, file, key.Trim()]);
                served = file + ".signed";
                var ds = await File.ReadAllTextAsync(Path.Combine(_dir, key.Trim() + ".ds"));
                if (signing == ZoneSigning.WrongAnchor)
                {
                    // Trust a key that never signed the zone: validation fails for every answer (bogus).
                    var other = await RunAsync(LdnsKeygen, ["-a", "ECDSAP256SHA256", "-k", name]);
                    ds = await File.ReadAllTextAsync(Path.Combine(_dir, other.Trim() + ".ds"));
                }
                anchors.Add(ds.Trim().Replace('\t', ' '));
            }
            nsdZones.Append(CultureInfo.InvariantCulture, $"zone:\n  name: \"{name}\"\n  zonefile: \"{served}\"\n");
        }

        var nsdConf = Path.Combine(_dir, "nsd.conf");
        await File.WriteAllTextAsync(nsdConf, $"""
            server:
              ip-address: 127.0.0.1@{NsdPort}
              port: {NsdPort}
              username: ""
              chroot: ""
              zonesdir: "{_dir}"
              database: ""
              zonelistfile: "{_dir}/zone.list"
              xfrdfile: "{_dir}/xfrd.state"
              xfrdir: "{_dir}"
              pidfile: "{_dir}/nsd.pid"
              server-count: 1
              verbosity: 1
            remote-control:
              control-enable: no
            {nsdZones}
            """);
        _nsd = ProcessRunner.Start(Nsd, ["-d", "-c", nsdConf], Path.Combine(_dir, "nsd.log"));

        var stubs = new StringBuilder();
        foreach (var zone in _zones.Select(z => z.Name + ".").Prepend("."))
        {
            stubs.Append(CultureInfo.InvariantCulture, $"stub-zone:\n  name: \"{zone}\"\n  stub-addr: 127.0.0.1@{NsdPort}\n");
        }

        var unboundConf = Path.Combine(_dir, "unbound.conf");
        // "test." is one of unbound's default local zones (RFC 6761): nodefault lets the stub zones answer.
        // The root is a stub to nsd too, so the resolver never leaves loopback.
        await File.WriteAllTextAsync(unboundConf, $"""
            server:
              interface: 127.0.0.1@{ResolverPort}
              port: {ResolverPort}
              username: ""
              chroot: ""
              directory: "{_dir}"
              pidfile: ""
              use-syslog: no
              logfile: ""
              verbosity: 1
              val-log-level: 2
              do-daemonize: no
              do-ip6: no
              do-not-query-localhost: no
              qname-minimisation: no
              module-config: "validator iterator"
              access-control: 127.0.0.0/8 allow
              local-zone: "test." nodefault
              cache-max-negative-ttl: 1
            {string.Concat(anchors.Select(a => $"  trust-anchor: \"{a}\"\n"))}
            {stubs}
            """);
        _unbound = ProcessRunner.Start(Unbound, ["-d", "-c", unboundConf], Path.Combine(_dir, "unbound.log"));

        var probe = _zones.FirstOrDefault(z => z.Signing == ZoneSigning.Signed).Name ?? _zones[0].Name;
        var up = await Eventually.TryAsync(async () =>
        {
            if (_nsd.HasExited || _unbound.HasExited)
            {
                return true;
            }

            var (_, output) = await ProcessRunner.RunAsync(Drill, ["-D", "-p", ResolverPort.ToString(CultureInfo.InvariantCulture), "@127.0.0.1", probe, "SOA"], TimeSpan.FromSeconds(5));
            return output.Contains(" ad ", StringComparison.Ordinal) || output.Contains(" ad;", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(20));
        if (!up || _nsd.HasExited || _unbound.HasExited)
        {
            throw new InvalidOperationException($"signed zone not served/validated on {Endpoint}:\n--- nsd\n{_nsd.Tail()}\n--- unbound\n{_unbound.Tail()}");
        }
    }

    /// <summary>Asks the validating resolver (drill -D) and returns its output, for diagnostics and checks.</summary>
    public async Task<string> AskAsync(string name, string type)
    {
        var (_, output) = await ProcessRunner.RunAsync(Drill, ["-D", "-p", ResolverPort.ToString(CultureInfo.InvariantCulture), "@127.0.0.1", name, type], TimeSpan.FromSeconds(10));
        return output;
    }

    public string Tail(int lines = 30) => $"--- nsd\n{_nsd?.Tail(lines)}\n--- unbound\n{_unbound?.Tail(lines)}";

    public async ValueTask DisposeAsync()
    {
        if (_unbound is not null)
        {
            await _unbound.DisposeAsync();
        }

        if (_nsd is not null)
        {
            await _nsd.DisposeAsync();
        }
    }

    private async Task<string> RunAsync(string tool, string[] args)
    {
        var (code, output) = await ProcessRunner.RunAsync(tool, args, TimeSpan.FromSeconds(30), workingDirectory: _dir);
        if (code != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({code}): {output}");
        }

        return output;
    }
}
