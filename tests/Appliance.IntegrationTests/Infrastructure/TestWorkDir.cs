namespace Appliance.IntegrationTests.Infrastructure;

/// <summary>
/// A scenario environment's work folder under {tmp}/appliance-it, named after the scenario with a random suffix, and
/// its removal (kept when <c>APPLIANCE_IT_KEEP=1</c>, for looking at logs after a failure).
/// </summary>
public static class TestWorkDir
{
    public static string For(string scenario) => Path.Combine(Path.GetTempPath(), "appliance-it", $"{scenario}-{Guid.NewGuid().ToString("N")[..8]}");

    public static void Remove(string dir)
    {
        if (Environment.GetEnvironmentVariable("APPLIANCE_IT_KEEP") == "1" || !Directory.Exists(dir)) return;
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
