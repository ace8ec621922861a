using Appliance.Mta.Configuration;
using Appliance.Web.Data;
using Appliance.Web.Extensions;
using Appliance.Web.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Services;

/// <summary>
/// Runs after the database initializer (so a bootstrap admin already exists): when nobody is in role Admin it
/// starts the setup wizard with a fresh one-time token, written to the data folder and logged with the URL as a
/// framed banner (Information, not Warning: a fresh install is the expected state, and a first start prints no warnings).
/// </summary>
public sealed partial class SetupTokenInitializer(
    Scoped<UserManager<ApplianceUser>> users,
    SetupState state,
    IOptions<MtaOptions> mta,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<SetupTokenInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if ((await users.RunAsync(u => u.GetUsersInRoleAsync(ApplianceRoles.Admin))).Count > 0)
        {
            // A stale token file from an earlier run must not linger.
            state.Complete();
            var stale = Path.Combine(Path.GetFullPath(mta.Value.DataDir), SetupState.TokenFileName);
            if (File.Exists(stale)) File.Delete(stale);
            return;
        }

        var token = state.Begin(mta.Value.DataDir);
        lifetime.ApplicationStarted.Register(() =>
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://<host>";
            var link = $"{address.TrimEnd('/')}/setup?token={token}";
            LogSetupBanner(logger, Rule(link), link, state.TokenFile ?? SetupState.TokenFileName, Rule(link));
        });
    }

    private static string Rule(string link) => new('=', Math.Max(72, link.Length + 4));

    [LoggerMessage(EventId = 5130, Level = LogLevel.Information, Message = "\n{Top}\n  No administrator exists yet. Open this link to set up the appliance:\n\n  {Link}\n\n  (the one-time token is also in {File})\n{Bottom}")]
    private static partial void LogSetupBanner(ILogger logger, string top, string link, string file, string bottom);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
