using Appliance.Mta.Suppression;

namespace Appliance.Web.Modules.Suppressions;

/// <summary>Wire names of scopes and reasons ("senderDomain", "hardBounce"); parsing accepts any case, '-' and '_'.</summary>
public static class SuppressionNames
{
    public static string Of<T>(T value) where T : struct, Enum
    {
        var s = value.ToString();
        return char.ToLowerInvariant(s[0]) + s[1..];
    }

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return !int.TryParse(t, out _) && Enum.TryParse(t, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    public static SuppressionDto ToDto(SuppressionRecord r) =>
        new(r.Id, r.Address, Of(r.Scope), r.ScopeKey, Of(r.Reason), r.CreatedAt, r.ExpiresAt, r.SourceType, r.SourceMessageId, r.SourceResponse);
}
