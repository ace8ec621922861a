namespace Appliance.Web.Security;

/// <summary>Log lines of the bootstrap provisioning (event ids 5120–5129; docs/telemetry.md).</summary>
internal static partial class BootstrapLog
{
    [LoggerMessage(5120, LogLevel.Debug, "An administrator exists; Appliance:Bootstrap:AdminEmail is not used")]
    public static partial void AdministratorExists(ILogger logger);

    [LoggerMessage(5121, LogLevel.Information, "No administrator exists and Appliance:Bootstrap:AdminEmail/AdminPassword are not set: the setup wizard will create one")]
    public static partial void WizardWillCreateAdministrator(ILogger logger);

    [LoggerMessage(5122, LogLevel.Error, "Bootstrap administrator {Email} not created: {Errors}")]
    public static partial void AdministratorNotCreated(ILogger logger, string email, string errors);

    [LoggerMessage(5123, LogLevel.Error, "Bootstrap administrator {Email} not added to role Admin: {Errors}")]
    public static partial void AdministratorNotInRole(ILogger logger, string email, string errors);

    [LoggerMessage(5124, LogLevel.Information, "Created bootstrap administrator {Email} in role Admin")]
    public static partial void AdministratorCreated(ILogger logger, string email);

    [LoggerMessage(5125, LogLevel.Debug, "An admin API key exists; Appliance:Bootstrap:ApiKey is not used")]
    public static partial void ApiKeyExists(ILogger logger);

    [LoggerMessage(5126, LogLevel.Error, "Appliance:Bootstrap:ApiKey is shorter than {Min} characters; not stored")]
    public static partial void ApiKeyTooShort(ILogger logger, int min);

    [LoggerMessage(5127, LogLevel.Information, "Stored the bootstrap admin API key as \"{Name}\" (hashed)")]
    public static partial void ApiKeyStored(ILogger logger, string name);

    [LoggerMessage(5128, LogLevel.Error, "Appliance:Bootstrap:ApiKeyFile {Path} is not readable: {Reason}")]
    public static partial void ApiKeyFileUnreadable(ILogger logger, string path, string reason);
}
