namespace Appliance.Packaging.Tests;

/// <summary>
/// Short runs of the installed service (as the appliance user, packaged configuration, loopback ports): queue a
/// message while the smart host is down, deliver what is queued to a sink, or just check that it comes up healthy.
/// </summary>
public static class ServiceRuns
{
    /// <summary>Starts the service with its smart host on a port where nothing listens, relays one message
    /// carrying <paramref name="marker"/> (it stays queued), and stops the service.</summary>
    public static void Queue(string marker)
    {
        int relay = Ports.Free(), https = Ports.Free();
        using var service = Start(relay, https, smartHostPort: Ports.Free());
        try
        {
            WaitHealthy(https, service);
            RawSmtp.Send(relay, "sender@packaging.test", "rcpt@example.test", marker);
            Assert.True(service.Stop(), "service did not stop on SIGTERM within 60 s\n" + service.Output);
        }
        finally
        {
            service.Stop();
        }
    }

    /// <summary>Starts the service with its smart host on the sink and waits for the marker to arrive.</summary>
    public static void Deliver(SmtpSink sink, string marker, string what)
    {
        int relay = Ports.Free(), https = Ports.Free();
        using var service = Start(relay, https, smartHostPort: sink.Port);
        try
        {
            WaitFor(() => sink.Output.Contains(marker, StringComparison.Ordinal), TimeSpan.FromSeconds(90),
                () => $"{what} was not delivered to the sink\nservice:\n" + service.Output + "\nsink:\n" + sink.Output);
            Assert.True(service.Stop(), "service did not stop on SIGTERM within 60 s\n" + service.Output);
        }
        finally
        {
            service.Stop();
        }
    }

    /// <summary>Starts the service and waits for /healthz 200, then stops it.</summary>
    public static void Healthy()
    {
        int relay = Ports.Free(), https = Ports.Free();
        using var service = Start(relay, https, smartHostPort: Ports.Free());
        try
        {
            WaitHealthy(https, service);
        }
        finally
        {
            service.Stop();
        }
    }

    private static InstalledService Start(int relay, int https, int smartHostPort) => new(
    [
        $"--Appliance:Smtp:Relay=127.0.0.1:{relay}", "--Appliance:Smtp:Submission=", "--Appliance:Smtp:Smtps=",
        $"--Kestrel:Endpoints:Admin:Url=https://127.0.0.1:{https}",
        $"--Appliance:Delivery:SmartHost=127.0.0.1:{smartHostPort}",
        "--Appliance:Delivery:RetryInterval=00:00:01", "--Appliance:Delivery:MaxRetryInterval=00:00:02",
    ]);

    private static void WaitHealthy(int https, InstalledService service)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{https}"), Timeout = TimeSpan.FromSeconds(10) };
        WaitHealthy(http, service);
    }

    /// <summary>Polls /healthz until 200; fails when the service exits or 90 s pass.</summary>
    public static void WaitHealthy(HttpClient http, InstalledService service)
    {
        WaitFor(() =>
        {
            Assert.False(service.HasExited, "service exited:\n" + service.Output);
            try { return http.GetAsync("/healthz").Result.IsSuccessStatusCode; }
            catch (AggregateException) { return false; }
        }, TimeSpan.FromSeconds(90), () => "/healthz never answered 200\n" + service.Output);
    }

    public static void WaitFor(Func<bool> condition, TimeSpan deadline, Func<string> message)
    {
        var until = DateTime.UtcNow + deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, message());
            Thread.Sleep(500);
        }
    }
}
