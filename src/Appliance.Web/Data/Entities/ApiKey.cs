namespace Appliance.Web.Data.Entities;

/// <summary>An API key: only a prefix (for lookup) and the SHA-256 of the whole key are stored.</summary>
public sealed class ApiKey
{
    public const string AdminScope = "admin";
    public const int PrefixLength = 8;

    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first <see cref="PrefixLength"/> characters of the key.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the UTF-8 key, lower-case hex.</summary>
    public required string Hash { get; set; }

    /// <summary>"admin" for now; tenant-scoped keys come later.</summary>
    public string Scope { get; set; } = AdminScope;

    /// <summary>Set for a tenant-scoped key; null for an admin key.</summary>
    public string? TenantId { get; set; }

    /// <summary>The traffic stream (transactional / marketing) of mail injected with this key; null = the request's own.</summary>
    public string? Stream { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
