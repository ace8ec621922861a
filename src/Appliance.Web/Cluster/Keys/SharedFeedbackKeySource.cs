using System.Security.Cryptography;
using Appliance.Mta.Configuration;
using Appliance.Mta.Suppression;
using Appliance.Web.Api;
using Appliance.Web.Data;
using Appliance.Web.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Appliance.Web.Cluster.Keys;

/// <summary>
/// Cluster mode's <see cref="IFeedbackKeySource"/>: one feedback key (VERP return paths, trace headers, unsubscribe
/// tokens) for every node, so a bounce, complaint or unsubscribe that reaches any node verifies what another node
/// signed. The key is one row of the shared settings table (<see cref="StorageKey"/>), encrypted with the shared Data
/// Protection key ring (<see cref="DatabaseXmlRepository"/>). The first node to need it inserts it; a node that loses
/// the insert race (primary key) reads the winner's. A node that signed with its own file
/// ({DataDir}/keys/feedback-hmac.key) before it joined keeps that key as a former key: its old signatures still verify.
/// </summary>
public sealed class SharedFeedbackKeySource(IDbContextFactory<ApplianceDbContext> dbFactory, IDataProtectionProvider protection, IOptions<MtaOptions> mta,
    TimeProvider time, ILogger<SharedFeedbackKeySource> logger) : IFeedbackKeySource
{
    /// <summary>The settings row that holds the protected key.</summary>
    public const string StorageKey = "cluster.feedback-key";

    /// <summary>The Data Protection purpose of the key's encryption.</summary>
    public const string Purpose = "Appliance.Cluster.FeedbackKey";

    public FeedbackKey Load()
    {
        var protector = protection.CreateProtector(Purpose);
        var key = Read(protector);
        if (key is null)
        {
            var created = RandomNumberGenerator.GetBytes(32);
            try
            {
                using var db = dbFactory.CreateDbContext();
                db.Settings.Add(new Setting { Key = StorageKey, Value = Convert.ToBase64String(protector.Protect(created)), UpdatedAt = time.GetUtcNow() });
                db.SaveChanges();
                key = created;
                ClusterLog.FeedbackKeyCreated(logger);
            }
            catch (DbUpdateException e) when (SqliteErrors.IsUniqueViolation(e))
            {
                // Another node inserted it first: use theirs.
                key = Read(protector) ?? throw new InvalidOperationException("The shared feedback key vanished after an insert conflict.", e);
            }
        }
        var former = new List<byte[]>();
        var file = FeedbackKey.FilePath(Path.GetFullPath(mta.Value.DataDir));
        if (File.Exists(file))
        {
            var local = File.ReadAllBytes(file);
            if (local.Length >= 16 && !local.AsSpan().SequenceEqual(key))
            {
                former.Add(local);
                ClusterLog.FeedbackKeyFormerKept(logger, file);
            }
        }
        return new FeedbackKey(key, former);
    }

    private byte[]? Read(IDataProtector protector)
    {
        using var db = dbFactory.CreateDbContext();
        var stored = db.Settings.AsNoTracking().Where(s => s.Key == StorageKey).Select(s => s.Value).FirstOrDefault();
        return stored is null ? null : protector.Unprotect(Convert.FromBase64String(stored));
    }
}
