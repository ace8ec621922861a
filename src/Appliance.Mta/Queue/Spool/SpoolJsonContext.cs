using System.Text.Json.Serialization;
using Appliance.Mta.Messages;

namespace Appliance.Mta.Queue.Spool;

/// <summary>Source-generated JSON for spool records (no reflection on the accept path).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessageEnvelope))]
[JsonSerializable(typeof(MessageProgress))]
internal sealed partial class SpoolJsonContext : JsonSerializerContext;
