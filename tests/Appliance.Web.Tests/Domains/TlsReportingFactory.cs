using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using Appliance.Mta.Dns;
using Appliance.Mta.Messages;
using Appliance.Mta.Smtp;
using Appliance.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests.Domains;

/// <summary>
/// The real host with a fake clock, a programmable TXT zone, an in-memory message sink (what the TLS-RPT sender
/// injects lands here instead of the queue) and a recording HTTPS endpoint for https: rua destinations.
/// </summary>
public sealed class TlsReportingFactory : ApplianceFactory
{
    public static readonly DateTimeOffset T0 = new(2031, 3, 4, 10, 0, 0, TimeSpan.Zero);

    public TlsReportingFactory(string? dataDir = null)
        : base(dataDir, new Dictionary<string, string?>
        {
            ["Appliance:Hostname"] = "mta.submitter.example",
            ["Appliance:TlsReporting:OrganizationName"] = "Submitter Org",
            ["Appliance:TlsReporting:FlushInterval"] = "3650.00:00:00",
            ["Appliance:TlsReporting:SendInterval"] = "3650.00:00:00",
        })
    {
        ConfigureServicesForTest = services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IDnsResolver>(Dns);
            services.AddSingleton<IMessageSink>(Sink);
            services.Configure<HttpClientFactoryOptions>(Modules.TlsReporting.TlsReportSender.ClientName,
                o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = Https));
        };
    }

    public FakeTimeProvider Time { get; } = new(T0);

    public TxtZone Dns { get; } = new();

    public CapturingSink Sink { get; } = new();

    public RecordingHandler Https { get; } = new();

    public sealed class CapturingSink : IMessageSink
    {
        public ConcurrentQueue<(MessageEnvelope Envelope, byte[] Content)> Messages { get; } = new();

        public ValueTask<SmtpReply> AcceptAsync(MessageEnvelope envelope, ReadOnlySequence<byte> content, CancellationToken cancellationToken)
        {
            Messages.Enqueue((envelope, content.ToArray()));
            return ValueTask.FromResult(new SmtpReply(250, "2.0.0", "queued"));
        }
    }

    public sealed class RecordingHandler : HttpMessageHandler
    {
        public ConcurrentQueue<(Uri Uri, string? ContentType, byte[] Body)> Posts { get; } = new();

        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            Posts.Enqueue((request.RequestUri!, request.Content?.Headers.ContentType?.MediaType, body));
            return new HttpResponseMessage(Status);
        }
    }
}
