namespace Appliance.Web.Cli;

/// <summary>
/// Hand-written argument parser for the operations CLI: positional words, "--name value", "--name=value" and
/// boolean switches (declared up front so "--dry-run domain" is not read as a value).
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _switches = new(StringComparer.Ordinal);

    private CliArgs() { }

    public List<string> Positional { get; } = [];

    /// <summary>Set when the arguments cannot be parsed (e.g. "--tenant" without a value).</summary>
    public string? Error { get; private set; }

    public static CliArgs Parse(IEnumerable<string> args, IReadOnlySet<string> switches)
    {
        var result = new CliArgs();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (arg == "--")
            {
                result.Positional.AddRange(list.Skip(i + 1));
                break;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                result.Positional.Add(arg);
                continue;
            }
            var name = arg[2..];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                result._options[name[..eq]] = name[(eq + 1)..];
            }
            else if (switches.Contains(name))
            {
                result._switches.Add(name);
            }
            else if (i + 1 < list.Count)
            {
                result._options[name] = list[++i];
            }
            else
            {
                result.Error ??= $"option --{name} needs a value";
            }
        }
        return result;
    }

    /// <summary>The option's value, or null when absent or empty.</summary>
    public string? Get(string name) => _options.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public bool Has(string name) =>
        _switches.Contains(name) || (_options.TryGetValue(name, out var v) && v is "true" or "1" or "yes");

    /// <summary>Option names that are neither in <paramref name="known"/> nor switches given (typos).</summary>
    public IEnumerable<string> Unknown(IReadOnlySet<string> known) =>
        _options.Keys.Concat(_switches).Where(k => !known.Contains(k));
}
