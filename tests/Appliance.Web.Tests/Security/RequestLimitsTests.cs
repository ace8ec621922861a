using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Web.Security;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests.Security;

/// <summary>Request bodies over a limit answer 413 with a problem document, not 500.</summary>
public sealed class RequestLimitsTests
{
    [Fact]
    public async Task A_200_mb_multipart_upload_over_kestrel_answers_413_problem_not_500()
    {
        using var app = new ApplianceFactory();
        app.UseKestrel(0);
        app.StartServer();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        // Raw socket: the headers announce 200 MB (over Kestrel's 30 MB MaxRequestBodySize); a little body follows.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, address.Port);
        var stream = tcp.GetStream();
        const string boundary = "b0undary";
        var head = "POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                   $"Authorization: Bearer {ApplianceFactory.AdminKey}\r\n" +
                   $"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {200L * 1024 * 1024}\r\n\r\n" +
                   $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.xml\"\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(new byte[64 * 1024]);

        var response = await ReadResponseAsync(stream);

        Assert.StartsWith("HTTP/1.1 413 ", response, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", response, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"status\":413", response, StringComparison.Ordinal);
        Assert.Contains("X-Content-Type-Options: nosniff", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_multipart_body_over_the_form_limit_answers_413_problem()
    {
        using var app = new ApplianceFactory
        {
            ConfigureServicesForTest = s => s.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 1024),
        };
        var client = app.CreateAdminClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[8192]), "file", "r.xml" } };

        var response = await client.PostAsync("/api/v1/reports", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData(typeof(InvalidDataException), "Multipart body length limit 1024 exceeded.", 413)]
    [InlineData(typeof(InvalidDataException), "Form value count limit 1024 exceeded.", 413)]
    [InlineData(typeof(InvalidDataException), "Unexpected end of multipart stream.", 400)]
    [InlineData(typeof(InvalidOperationException), "bug", 500)]
    public void Exceptions_map_to_the_status_they_mean(Type type, string message, int status) =>
        Assert.Equal(status, HttpHardeningExtensions.StatusFor((Exception)Activator.CreateInstance(type, message)!));

    [Fact]
    public void Kestrel_bad_requests_keep_their_own_status() =>
        Assert.Equal(413, HttpHardeningExtensions.StatusFor(new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge)));

    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        var buffer = new byte[16384];
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                var n = await stream.ReadAsync(buffer, timeout.Token);
                if (n == 0) break;
                text.Append(Encoding.UTF8.GetString(buffer, 0, n));
                var s = text.ToString();
                var end = s.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end >= 0 && s.Contains("\"status\"", StringComparison.Ordinal) && s.TrimEnd().EndsWith('}')) break;
                if (end >= 0 && s.EndsWith("0\r\n\r\n", StringComparison.Ordinal)) break;
            }
        }
        catch (IOException)
        {
            // The server may close (reset) once it answered: what was read so far is the answer.
        }
        return text.ToString();
    }
}
