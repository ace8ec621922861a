using System.Net.Http.Headers;
using System.Text;

namespace Appliance.Web.Modules.Webhooks.Delivery;

/// <summary>
/// Signs and POSTs one batch through the "Appliance.Webhooks" client (IHttpClientFactory; timeout
/// <see cref="WebhookOptions.Timeout"/>, no redirects). Never throws for the peer's failures: they are results.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time)
{
    public const string ClientName = "Appliance.Webhooks";
    public const string WebhookIdHeader = "X-Appliance-Webhook-Id";
    public const string BatchIdHeader = "X-Appliance-Batch-Id";

    public async Task<WebhookSendResult> SendAsync(string webhookId, string url, string secret, string batchId, byte[] body, CancellationToken cancellationToken)
    {
        var requestExcerpt = WebhookDeliveryLog.Excerpt(Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, WebhookDeliveryLog.ExcerptLength * 4)));
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Header(secret, timestamp, body));
        request.Headers.TryAddWithoutValidation(WebhookIdHeader, webhookId);
        request.Headers.TryAddWithoutValidation(BatchIdHeader, batchId);
        var started = time.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var text = await ReadExcerptAsync(response, cancellationToken);
            var status = (int)response.StatusCode;
            return new WebhookSendResult(response.IsSuccessStatusCode, status, Elapsed(started), requestExcerpt, text, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookSendResult(false, null, Elapsed(started), requestExcerpt, null, "timeout");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookSendResult(false, null, Elapsed(started), requestExcerpt, null, ex.HttpRequestError + ": " + ex.Message);
        }
    }

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;

    private static async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[WebhookDeliveryLog.ExcerptLength];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0) break;
            read += n;
        }
        return WebhookDeliveryLog.Excerpt(Encoding.UTF8.GetString(buffer, 0, read));
    }
}
