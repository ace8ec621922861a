namespace Appliance.Web.Tests.Cli;

public sealed class ConfigValidateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("appliance-cli-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<CliRun> ValidateAsync(string json)
    {
        var file = Path.Combine(_dir, "appsettings.json");
        await File.WriteAllTextAsync(file, json);
        return await CliRun.RunAsync(["config", "validate", file]);
    }

    [Fact]
    public async Task Accepts_the_shipped_packaging_configuration()
    {
        var shipped = Path.Combine(RepositoryRoot(), "packaging", "common", "appsettings.json");

        var run = await CliRun.RunAsync(["config", "validate", shipped]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("configuration OK", run.Output);
        Assert.Equal("", run.Error);
    }

    [Theory]
    [InlineData("""{"Appliance":{"Smtp":{"Relay":"1.2.3.4"}}}""", "Appliance:Smtp:Relay")]
    [InlineData("""{"Appliance":{"Smtp":{"Submission":"nowhere:587"}}}""", "Appliance:Smtp:Submission")]
    [InlineData("""{"Appliance":{"Smtp":{"Smtps":"127.0.0.1:99999"}}}""", "Appliance:Smtp:Smtps")]
    [InlineData("""{"Appliance":{"Smtp":{"RelayHosts":["10.0.0.0/33"]}}}""", "Appliance:Smtp:RelayHosts")]
    [InlineData("""{"Appliance":{"Smtp":{"RelayHosts":"10.0.0.0/8,bogus"}}}""", "Appliance:Smtp:RelayHosts")]
    [InlineData("""{"Appliance":{"Dns":{"Servers":["127.0.0.1"]}}}""", "Appliance:Dns:Servers")]
    [InlineData("""{"Appliance":{"Delivery":{"Port":0}}}""", "Appliance:Delivery:Port")]
    [InlineData("""{"Appliance":{"Delivery":{"Port":70000}}}""", "Appliance:Delivery:Port")]
    [InlineData("""{"Appliance":{"Delivery":{"SmartHost":"relay.example"}}}""", "Appliance:Delivery:SmartHost")]
    [InlineData("""{"Appliance":{"Delivery":{"RetryInterval":"-00:05:00"}}}""", "Appliance:Delivery:RetryInterval")]
    [InlineData("""{"Appliance":{"Delivery":{"ConnectTimeout":"00:00:00"}}}""", "Appliance:Delivery:ConnectTimeout")]
    [InlineData("""{"Appliance":{"Dns":{"Timeout":"soon"}}}""", "Appliance:Dns:Timeout")]
    [InlineData("""{"Appliance":{"Delivery":{"Port":"twenty-five"}}}""", "Appliance:Delivery:Port")]
    public async Task Reports_the_bad_value_with_its_key(string json, string key)
    {
        var run = await ValidateAsync(json);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(key + ":", run.Error);
        Assert.DoesNotContain("configuration OK", run.Output);
    }

    [Fact]
    public async Task Reports_every_problem_not_just_the_first()
    {
        var run = await ValidateAsync("""{"Appliance":{"Smtp":{"Relay":"x"},"Delivery":{"Port":0,"SmartHost":"y"}}}""");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Appliance:Smtp:Relay:", run.Error);
        Assert.Contains("Appliance:Delivery:Port:", run.Error);
        Assert.Contains("Appliance:Delivery:SmartHost:", run.Error);
    }

    [Theory]
    [InlineData("""{"Appliance":{"Smtp":{"Relay":"","Submission":"[::1]:587","RelayHosts":["10.0.0.0/8","::1/128"]},"Dns":{"Servers":["127.0.0.1:5353"]},"Delivery":{"SmartHost":"relay.example:2525","Port":2525}}}""")]
    [InlineData("""{"Logging":{}}""")]
    public async Task Accepts_valid_settings(string json)
    {
        var run = await ValidateAsync(json);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("configuration OK", run.Output);
    }

    [Fact]
    public async Task Malformed_json_or_missing_file_fails()
    {
        var malformed = await ValidateAsync("""{"Appliance": {""");
        var missing = await CliRun.RunAsync(["config", "validate", Path.Combine(_dir, "nope.json")]);

        Assert.Equal(1, malformed.ExitCode);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such file", missing.Error);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "packaging", "common", "appsettings.json"))) return dir.FullName;
        }
        // Artifacts may live outside the repository (--artifacts-path); fall back to the source location.
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "packaging", "common", "appsettings.json"))) return dir.FullName;
        }
        return Path.GetFullPath(Path.Combine(ThisFile(), "..", "..", "..", ".."));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
