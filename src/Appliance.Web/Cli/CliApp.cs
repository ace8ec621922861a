namespace Appliance.Web.Cli;

/// <summary>
/// The operations CLI inside the host binary: `Appliance.Web queue|config|admin ...` runs a command and exits
/// without starting the web host. Program.cs calls <see cref="IsCliVerb"/> then <see cref="RunAsync(string[])"/>.
/// </summary>
public static class CliApp
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>(StringComparer.Ordinal) { "queue", "config", "admin", "backup", "restore", "dkim", "suppression", "status", "node" };

    public const string Usage = """
        Usage:
          appliance status [--url URL] [--api-key KEY] [--insecure]
          appliance node drain [--no-wait] [--timeout SECONDS] | resume | drain-status [--url URL] [--api-key KEY] [--insecure]
          appliance queue summary|list|suspend|resume|retry|bounce|delete [--tenant T] [--campaign C] [--domain D] [--site S]
                        [--message-id ID] [--reason TEXT] [--dry-run] [--url URL] [--api-key KEY]
          appliance config validate [FILE]
          appliance dkim rotate DOMAIN [--url URL] [--api-key KEY] [--insecure]
          appliance admin reset-password EMAIL [--password PASSWORD] [--config FILE] [--data-dir DIR]
          appliance backup FILE (--passphrase-file F | --key-file F | --unencrypted) [--include-events] [--url URL] [--api-key KEY] [--insecure]
          appliance restore FILE (--passphrase-file F | --key-file F | --unencrypted) [--config FILE] [--data-dir DIR]
          appliance suppression add|remove ADDRESS | import FILE | export [FILE] [--scope S] [--scope-key K] [--reason R] [--url URL] [--api-key KEY]
        """;

    public static bool IsCliVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, string apiKeyFile = QueueCommand.DefaultApiKeyFile)
    {
        var rest = args.Skip(2).ToList();
        var sub = args.Length > 1 ? args[1] : null;
        switch (args.FirstOrDefault())
        {
            case "status":
                return await new StatusCommand(output, error, environment, apiKeyFile).RunAsync(args.Skip(1).ToList());
            case "node":
                return await new NodeCommand(output, error, environment, apiKeyFile).RunAsync(args.Skip(1).ToList());
            case "queue":
                return await new QueueCommand(output, error, environment, apiKeyFile).RunAsync(args.Skip(1).ToList());
            case "config" when sub == "validate":
                return new ConfigValidateCommand(output, error).Run(rest);
            case "backup":
                return await new BackupCommand(output, error, environment, apiKeyFile).RunAsync(args.Skip(1).ToList());
            case "restore":
                return await new RestoreCommand(output, error, environment).RunAsync(args.Skip(1).ToList());
            case "dkim":
                return await new DkimRotateCommand(output, error, environment, apiKeyFile).RunAsync(args.Skip(1).ToList());
            case "suppression":
                return await new SuppressionCommand(output, error, environment, apiKeyFile).RunAsync(args.Skip(1).ToList());
            case "admin" when sub == "reset-password":
                return await new AdminResetPasswordCommand(output, error).RunAsync(rest);
            default:
                await error.WriteLineAsync($"appliance: unknown command '{string.Join(' ', args.Take(2))}'");
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }
}
