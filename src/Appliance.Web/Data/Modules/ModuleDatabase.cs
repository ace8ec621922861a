using Appliance.Mta.Configuration;
using Appliance.Web.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Data.Modules;

/// <summary>Registration of module contexts; the database initializer migrates every registered one.</summary>
public static class ModuleDatabase
{
    /// <summary>Migrations history table of a module context: "__EFMigrationsHistory_{Module}".</summary>
    public static string HistoryTable<TContext>() where TContext : ModuleDbContext =>
        "__EFMigrationsHistory_" + typeof(TContext).Name.Replace("DbContext", "", StringComparison.Ordinal);

    /// <summary>
    /// Registers <typeparamref name="TContext"/> as a context factory over {DataDir}/appliance.db with its own
    /// migrations history table, and as a module the initializer migrates at start.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services) where TContext : ModuleDbContext
    {
        services.AddDbContextFactory<TContext>((sp, o) =>
            o.UseSqlite($"Data Source={ApplianceServiceCollectionExtensions.DatabasePath(sp.GetRequiredService<IOptions<MtaOptions>>().Value)}",
                s => s.MigrationsHistoryTable(HistoryTable<TContext>())));
        services.AddSingleton<IModuleMigrator, ModuleMigrator<TContext>>();
        return services;
    }

    /// <summary>Options for `dotnet ef` (design-time factories of module contexts).</summary>
    public static DbContextOptions<TContext> DesignTimeOptions<TContext>() where TContext : ModuleDbContext =>
        new DbContextOptionsBuilder<TContext>()
            .UseSqlite("Data Source=design-time.db", s => s.MigrationsHistoryTable(HistoryTable<TContext>()))
            .Options;
}
