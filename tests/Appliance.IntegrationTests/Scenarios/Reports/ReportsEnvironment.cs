using Appliance.IntegrationTests.Infrastructure;

namespace Appliance.IntegrationTests.Scenarios.Reports;

/// <summary>
/// The standard mail environment plus a loopback dovecot (IMAPS), with own sending addresses configured and the
/// IMAP poll job every 2 seconds.
/// </summary>
public sealed class ReportsEnvironment : MailEnvironment, IAsyncLifetime
{
    public new const Tool Requires = MailEnvironment.Requires | Tool.Swaks;

    public DovecotImapServer Imap { get; private set; } = null!;

    protected override ApplianceSettings Customize(ApplianceSettings s) => s with
    {
        ExtraArguments = [.. s.ExtraArguments, "--Appliance:Reports:PollInterval=00:00:02", "--Appliance:Dkim:SendingIps:0=209.85.220.41"],
    };

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (SkipReason is null && DovecotImapServer.MissingReason is null) Imap = await DovecotImapServer.StartAsync(Path.Combine(WorkDir, "dovecot"));
    }

    public new async Task DisposeAsync()
    {
        if (Imap is not null) await Imap.DisposeAsync();
        await base.DisposeAsync();
    }
}
