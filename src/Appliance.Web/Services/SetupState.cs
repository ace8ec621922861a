using System.Security.Cryptography;
using System.Text;

namespace Appliance.Web.Services;

/// <summary>
/// Whether the appliance still needs its first administrator, and the one-time setup token that guards the
/// wizard (held in memory and in {DataDir}/setup-token). Set by <see cref="SetupTokenInitializer"/>.
/// </summary>
public sealed class SetupState
{
    public const string TokenFileName = "setup-token";

    private readonly Lock _lock = new();
    private string? _token;
    private string? _tokenFile;

    /// <summary>True while no user is in role Admin (and a setup token exists).</summary>
    public bool SetupRequired
    {
        get { lock (_lock) return _token is not null; }
    }

    /// <summary>Where the token file was written, for the error message of the wizard.</summary>
    public string? TokenFile
    {
        get { lock (_lock) return _tokenFile; }
    }

    /// <summary>Generates a token (32 random bytes, base64url) and writes it to <paramref name="dataDir"/>/setup-token, mode 0600.</summary>
    public string Begin(string dataDir)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var path = Path.Combine(Path.GetFullPath(dataDir), TokenFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write(token);
            writer.Write('\n');
        }
        // UnixCreateMode only applies to new files: tighten an existing one too.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        lock (_lock)
        {
            _token = token;
            _tokenFile = path;
        }
        return token;
    }

    /// <summary>Constant-time comparison with the current token; false once setup is done.</summary>
    public bool IsValid(string? candidate)
    {
        string? token;
        lock (_lock) token = _token;
        if (token is null || string.IsNullOrEmpty(candidate)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(candidate.Trim()));
    }

    /// <summary>The administrator exists: forget the token and delete its file.</summary>
    public void Complete()
    {
        string? file;
        lock (_lock)
        {
            file = _tokenFile;
            _token = null;
        }
        if (file is not null && File.Exists(file)) File.Delete(file);
    }
}
