using System.Text.Json;

namespace Appliance.Web.Tests.Webhooks;

/// <summary>One POST the loopback receiver got, and the status it answered.</summary>
public sealed record ReceivedWebhook(string Signature, byte[] Body, int AnsweredStatus)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public IReadOnlyList<JsonElement> Events => [.. Json.GetProperty("events").EnumerateArray()];
}
