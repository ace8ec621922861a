using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Appliance.Mta.Queue.Spool;
using Microsoft.AspNetCore.DataProtection;

namespace Appliance.Web.Modules.Inspection;

/// <summary>
/// The retained message contents (docs/tenants.md, "Message inspection"): one file per message,
/// <c>{DataDir}/inspection/{tenant}/{yyyy-MM-dd}/{queue id}.msg</c>, the day being the UTC day the queue id was issued
/// (its time bits), so a look-up needs no index and expiry deletes whole day folders. Each file is the message
/// encrypted with the appliance's Data Protection keys under <see cref="Purpose"/>: a stolen disk or backup without
/// the key ring shows no content. Writes go to a temporary name and are renamed into place.
/// </summary>
/// <remarks>One writer (<see cref="ContentRetentionWriter"/>) and the expiry job change files; a lock keeps the
/// per-tenant byte counts right between them. Readers take no lock: a file deleted under them reads as absent.</remarks>
public sealed partial class MessageContentStore
{
    /// <summary>The Data Protection purpose of retained contents: no other secret of the appliance opens them.</summary>
    public const string Purpose = "Appliance.Inspection.MessageContent.v1";

    public const string FileExtension = ".msg";
    private const string TempExtension = ".tmp";
    private const string DayFormat = "yyyy-MM-dd";

    private readonly IDataProtector _protector;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, long> _usage = new(StringComparer.Ordinal);

    public MessageContentStore(IDataProtectionProvider provider, string root)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _protector = provider.CreateProtector(Purpose);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The folder holding one sub-folder per tenant.</summary>
    public string Root { get; }

    /// <summary>The folder of <paramref name="tenantId"/>: the id itself when it is a plain slug, else "~" and its UTF-8 in hex.</summary>
    public string TenantDirectory(string tenantId) => Path.Combine(Root, FolderName(tenantId));

    /// <summary>Where the content of message <paramref name="id"/> of <paramref name="tenantId"/> is (or would be) kept.</summary>
    public string PathOf(string tenantId, SpoolId id) =>
        Path.Combine(TenantDirectory(tenantId), DayOf(id).ToString(DayFormat, CultureInfo.InvariantCulture), id + FileExtension);

    /// <summary>Encrypts and stores <paramref name="content"/>; returns the bytes written to disk.</summary>
    public long Write(string tenantId, SpoolId id, byte[] content)
    {
        var path = PathOf(tenantId, id);
        var sealedBytes = _protector.Protect(content);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + TempExtension;
        File.WriteAllBytes(temp, sealedBytes);
        lock (_sync)
        {
            var before = File.Exists(path) ? new FileInfo(path).Length : 0;
            File.Move(temp, path, overwrite: true);
            if (_usage.TryGetValue(tenantId, out var used)) _usage[tenantId] = used - before + sealedBytes.Length;
        }
        return sealedBytes.Length;
    }

    /// <summary>The decrypted content of message <paramref name="messageId"/>, or null when none is kept (or the id is not a queue id).</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key ring that encrypted it is gone.</exception>
    public byte[]? Read(string tenantId, string messageId)
    {
        if (!SpoolId.TryParse(messageId, out var id)) return null;
        try
        {
            return _protector.Unprotect(File.ReadAllBytes(PathOf(tenantId, id)));
        }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    /// <summary>True when a content is kept for the message.</summary>
    public bool Contains(string tenantId, string messageId) => SpoolId.TryParse(messageId, out var id) && File.Exists(PathOf(tenantId, id));

    /// <summary>Bytes on disk for <paramref name="tenantId"/> (counted once, then kept up to date).</summary>
    public long UsageOf(string tenantId)
    {
        lock (_sync) return UsageLocked(tenantId);
    }

    /// <summary>
    /// Deletes the tenant's oldest contents (by queue id, which grows with time) until its files fit in
    /// <paramref name="budgetBytes"/>; returns how many were deleted.
    /// </summary>
    public int EnforceBudget(string tenantId, long budgetBytes)
    {
        lock (_sync)
        {
            var used = UsageLocked(tenantId);
            if (used <= budgetBytes) return 0;
            var deleted = 0;
            foreach (var day in DayFolders(TenantDirectory(tenantId)))
            {
                foreach (var file in Files(day.Path))
                {
                    if (used <= budgetBytes) break;
                    used -= Delete(file);
                    deleted++;
                }
                DeleteIfEmpty(day.Path);
                if (used <= budgetBytes) break;
            }
            _usage[tenantId] = used;
            return deleted;
        }
    }

    /// <summary>
    /// Deletes what expired at <paramref name="now"/>: for a tenant with retention on, every content older than its
    /// days (whole day folders, and the files of the day the limit falls in); for a tenant without retention (off, no
    /// setting, deleted tenant), everything. Returns the number of files deleted.
    /// </summary>
    public int Expire(DateTimeOffset now, IReadOnlyDictionary<string, RetentionPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        if (!Directory.Exists(Root)) return 0;
        var deleted = 0;
        lock (_sync)
        {
            foreach (var tenantDir in Directory.EnumerateDirectories(Root))
            {
                var tenant = TenantOf(Path.GetFileName(tenantDir));
                if (tenant is null) continue;
                if (policies.GetValueOrDefault(tenant) is not { Enabled: true } policy)
                {
                    deleted += Directory.EnumerateFiles(tenantDir, "*", SearchOption.AllDirectories).Count();
                    Directory.Delete(tenantDir, recursive: true);
                    _usage.Remove(tenant);
                    continue;
                }
                var cutoff = now.UtcDateTime - TimeSpan.FromDays(policy.Days);
                foreach (var day in DayFolders(tenantDir))
                {
                    var dayStart = day.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                    if (dayStart.AddDays(1) <= cutoff)
                    {
                        deleted += Directory.EnumerateFiles(day.Path).Count();
                        Directory.Delete(day.Path, recursive: true);
                    }
                    else if (dayStart <= cutoff)
                    {
                        foreach (var file in Files(day.Path).Where(f => TimeOf(f) < cutoff))
                        {
                            Delete(file);
                            deleted++;
                        }
                        DeleteIfEmpty(day.Path);
                    }
                }
                _usage.Remove(tenant); // counted afresh at the next use
            }
        }
        return deleted;
    }

    private long UsageLocked(string tenantId)
    {
        if (_usage.TryGetValue(tenantId, out var used)) return used;
        var dir = TenantDirectory(tenantId);
        used = Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*" + FileExtension, SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;
        _usage[tenantId] = used;
        return used;
    }

    private static IEnumerable<(DateOnly Day, string Path)> DayFolders(string tenantDir)
    {
        if (!Directory.Exists(tenantDir)) return [];
        return Directory.EnumerateDirectories(tenantDir)
            .Select(d => (Ok: DateOnly.TryParseExact(Path.GetFileName(d), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day), Day: day, Path: d))
            .Where(d => d.Ok)
            .OrderBy(d => d.Day)
            .Select(d => (d.Day, d.Path))
            .ToList();
    }

    /// <summary>A day folder's contents, oldest first (queue ids are time-ordered, fixed-width hex).</summary>
    private static List<string> Files(string dayDir) =>
        [.. Directory.EnumerateFiles(dayDir, "*" + FileExtension).Order(StringComparer.Ordinal)];

    private static long Delete(string file)
    {
        try
        {
            var length = new FileInfo(file).Length;
            File.Delete(file);
            return length;
        }
        catch (FileNotFoundException) { return 0; }
    }

    private static void DeleteIfEmpty(string dir)
    {
        if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
    }

    private static DateTime TimeOf(string file) =>
        SpoolId.TryParse(Path.GetFileNameWithoutExtension(file), out var id) ? TimeOf(id) : DateTime.MinValue;

    /// <summary>The time a queue id was issued: its upper bits are Unix milliseconds (<see cref="SpoolIdGenerator"/>).</summary>
    private static DateTime TimeOf(SpoolId id) => DateTimeOffset.FromUnixTimeMilliseconds(id.Value >> 20).UtcDateTime;

    private static DateOnly DayOf(SpoolId id) => DateOnly.FromDateTime(TimeOf(id));

    private static string FolderName(string tenantId) =>
        PlainSlug().IsMatch(tenantId) ? tenantId : "~" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(tenantId));

    private static string? TenantOf(string folder)
    {
        if (!folder.StartsWith('~')) return PlainSlug().IsMatch(folder) ? folder : null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromHexString(folder.AsSpan(1)));
        }
        catch (FormatException) { return null; }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainSlug();
}
