using System.Text.Json;
using System.Text.Json.Serialization;

namespace Appliance.Mta.Shaping;

/// <summary>
/// Reads a shaping data file (JSON: "providers", "globalBackoff", optionally "overrides") and validates it. The shipped
/// provider rules are an embedded resource; an admin may point the engine at another file. A file that does not parse
/// or validate is refused with every problem listed, never half-applied.
/// </summary>
public static class ShapingRuleSetLoader
{
    /// <summary>Manifest name of the shipped provider rules (Shaping/ProviderRules.json).</summary>
    public const string EmbeddedResource = "Appliance.Mta.Shaping.ProviderRules.json";

    /// <summary>
    /// The JSON settings of shaping files: web casing, camel-case enums, comments and trailing commas allowed, unknown
    /// members refused.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The provider rules that ship with the engine.</summary>
    public static ShapingRuleSet Shipped()
    {
        using var stream = typeof(ShapingRuleSetLoader).Assembly.GetManifestResourceStream(EmbeddedResource)
            ?? throw new InvalidOperationException($"Embedded resource {EmbeddedResource} is missing.");
        var (set, errors) = Load(stream);
        return errors.Count == 0 ? set! : throw new InvalidDataException("Shipped shaping rules are invalid: " + string.Join(" ", errors));
    }

    /// <summary>
    /// Parses and validates a shaping file from <paramref name="json"/>: the rules, or null with every parse or
    /// validation error (never a half-valid set).
    /// </summary>
    public static (ShapingRuleSet? Rules, IReadOnlyList<string> Errors) Load(Stream json)
    {
        ShapingRuleSet? set;
        try
        {
            set = JsonSerializer.Deserialize<ShapingRuleSet>(json, Json);
        }
        catch (JsonException ex)
        {
            return (null, [$"The shaping file does not parse: {ex.Message}"]);
        }
        if (set is null) return (null, ["The shaping file is empty."]);
        var errors = set.Validate();
        return errors.Count == 0 ? (set, errors) : (null, errors);
    }
}
