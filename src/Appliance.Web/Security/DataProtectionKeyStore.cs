using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Appliance.Web.Security;

/// <summary>
/// Where and how the Data Protection key ring is kept: {DataDir}/keys, one XML file per key, readable by the
/// service user only (directory mode 0700 on Unix). The keys are not encrypted at rest, and that is a decision, not an
/// omission: Linux has no DPAPI, and a certificate or password to encrypt them would have to sit in the same data
/// folder (or the unit file) for the service to start unattended, so it would protect nothing the folder's
/// permissions do not. Backups (`appliance backup`) contain the keys, so they are as secret as the data folder.
/// Configuring <see cref="NullXmlEncryptor"/> explicitly also keeps ASP.NET Core's "No XML encryptor configured"
/// warning out of every first start.
/// </summary>
public static class DataProtectionKeyStore
{
    public const string FolderName = "keys";

    public static void Configure(KeyManagementOptions options, string dataDir, ILoggerFactory logging)
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetFullPath(dataDir), FolderName));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(dir.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        options.XmlRepository = new FileSystemXmlRepository(dir, logging);
        options.XmlEncryptor = new NullXmlEncryptor();
    }
}
