using System.Text.Json;
using System.Text.Json.Serialization;

namespace Appliance.Web.Cluster.Panel;

/// <summary>The JSON shape of the internal API, the same as the public API's (web defaults, enums as camelCase strings).</summary>
public static class NodeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
