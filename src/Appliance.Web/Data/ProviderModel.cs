using Appliance.Web.Data.Storage;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Data;

/// <summary>
/// Provider-specific touches applied after every configuration, so entity configurations stay provider-neutral.
/// Configurations ask for case-insensitive text with <c>UseCollation(</c><see cref="CaseInsensitive"/><c>)</c>:
/// SQLite has that collation built in; on PostgreSQL the column becomes <c>citext</c> (a trusted extension), which
/// keeps equality, unique indexes and LIKE case-insensitive, where a nondeterministic ICU collation would refuse LIKE.
/// </summary>
public static class ProviderModel
{
    /// <summary>SQLite's built-in case-insensitive (ASCII) collation.</summary>
    public const string CaseInsensitive = "NOCASE";

    public static void Apply(ModelBuilder builder, DatabaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (provider != DatabaseProvider.PostgreSql) return;
        builder.HasPostgresExtension("citext");
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (!string.Equals(property.GetCollation(), CaseInsensitive, StringComparison.Ordinal)) continue;
                property.SetCollation(null);
                property.SetColumnType("citext");
            }
        }
    }
}
