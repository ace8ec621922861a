using System.Xml.Linq;
using Appliance.Web.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Appliance.Web.Cluster.Keys;

/// <summary>
/// The Data Protection key ring in the shared database (cluster mode), in place of {DataDir}/keys: every node reads
/// and adds keys here. Stored unencrypted, as the file store is (see <see cref="Security.DataProtectionKeyStore"/>):
/// the database's access control protects them.
/// </summary>
public sealed class DatabaseXmlRepository(IDbContextFactory<ApplianceDbContext> dbFactory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = dbFactory.CreateDbContext();
        return [.. db.Set<SharedDataProtectionKey>().AsNoTracking().OrderBy(k => k.Id).AsEnumerable().Select(k => XElement.Parse(k.Xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var db = dbFactory.CreateDbContext();
        db.Set<SharedDataProtectionKey>().Add(new SharedDataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
