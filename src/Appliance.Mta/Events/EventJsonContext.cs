using System.Text.Json;
using System.Text.Json.Serialization;

namespace Appliance.Mta.Events;

/// <summary>Source-generated JSON for event lines (no reflection on the delivery path).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(MtaEvent))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
