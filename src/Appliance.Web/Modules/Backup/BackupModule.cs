using Appliance.Web.Api;
using Appliance.Web.Security;

namespace Appliance.Web.Modules.Backup;

/// <summary>`GET /api/v1/system/backup[?includeEvents=true]`: a tar.gz snapshot of the running appliance (admin, global key).</summary>
public static class BackupModule
{
    public static IServiceCollection AddBackupModule(this IServiceCollection services)
    {
        services.AddSingleton<BackupService>();
        return services;
    }

    public static WebApplication MapBackupModule(this WebApplication app)
    {
        app.MapGroup(ApiEndpoints.Prefix).RequireAuthorization(ApiPolicies.Admin).RequireGlobalKey()
            .MapGet("/system/backup", (BackupService backup, TimeProvider time, bool? includeEvents) =>
            {
                var name = $"appliance-backup-{time.GetUtcNow():yyyyMMdd-HHmmss}.tar.gz";
                return Results.Stream(stream => backup.WriteAsync(stream, includeEvents == true, CancellationToken.None),
                    "application/gzip", name);
            })
            .WithName("Backup")
            .WithSummary("A consistent snapshot (database, keys, spool) of the running appliance as tar.gz").WithTags("System").ProducesProblem(500);
        return app;
    }
}
