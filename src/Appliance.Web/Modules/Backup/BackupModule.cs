using Appliance.Web.Api;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Appliance.Web.Modules.Backup;

/// <summary>
/// `GET /api/v1/system/backup[?includeEvents=true]`: a snapshot of the running appliance (admin, global key), encrypted
/// with the passphrase in the <see cref="PassphraseHeader"/> header or the base64 key in <see cref="KeyHeader"/>
/// (<see cref="BackupCipherFormat"/>); a plain tar.gz only with <c>?unencrypted=true</c>, since the archive holds the
/// Data Protection master key, the TLS private key and the VERP HMAC key.
/// </summary>
public static class BackupModule
{
    public const string PassphraseHeader = "X-Backup-Passphrase";
    public const string KeyHeader = "X-Backup-Key";

    public static IServiceCollection AddBackupModule(this IServiceCollection services)
    {
        services.AddSingleton<BackupService>();
        return services;
    }

    public static WebApplication MapBackupModule(this WebApplication app)
    {
        app.MapGroup(ApiEndpoints.Prefix)
            .MapGet("/system/backup", (BackupService backup, TimeProvider time, bool? includeEvents, bool? unencrypted,
                [FromHeader(Name = PassphraseHeader)] string? passphrase, [FromHeader(Name = KeyHeader)] string? key) =>
            {
                if (backup.RefusalReason is { } refusal) return ApiProblems.Invalid("database", refusal);
                BackupKey? secret;
                try
                {
                    secret = (passphrase, key, unencrypted == true) switch
                    {
                        ({ }, { }, _) or ({ }, _, true) or (_, { }, true) =>
                            throw new BackupException($"give one of {PassphraseHeader}, {KeyHeader} or unencrypted=true"),
                        ({ } p, null, false) => BackupKey.FromPassphrase(p),
                        (null, { } k, false) => BackupKey.FromBase64(k),
                        (null, null, true) => null,
                        _ => throw new BackupException(
                            $"a backup holds the Data Protection master key, the TLS private key and the VERP HMAC key: give a passphrase ({PassphraseHeader}) "
                            + $"or a key ({KeyHeader}, base64 of 32 bytes), or ask for an unencrypted archive with unencrypted=true"),
                    };
                }
                catch (BackupException e)
                {
                    return ApiProblems.Invalid("encryption", e.Message);
                }
                var name = $"appliance-backup-{time.GetUtcNow():yyyyMMdd-HHmmss}.tar.gz" + (secret is null ? "" : ".enc");
                return Results.Stream(stream => backup.WriteAsync(stream, includeEvents == true, secret, CancellationToken.None),
                    secret is null ? "application/gzip" : "application/octet-stream", name);
            })
            .WithName("Backup")
            .WithSummary("A consistent snapshot (database, keys, spool) of the running appliance, encrypted unless unencrypted=true")
            .WithTags("System").ProducesProblem(400).ProducesProblem(500);
        return app;
    }
}
