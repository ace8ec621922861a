using System.Security.Cryptography;
using System.Text;

namespace Appliance.Web.Api;

/// <summary>Tenant ids are slugs of the name ("Acme Corp" → "acme-corp"), made unique with a short random suffix.</summary>
public static class TenantIds
{
    public const int MaxSlugLength = 40;

    // The app runs with InvariantGlobalization, where string.Normalize does not decompose accents: fold Latin-1 by hand.
    private const string Accented = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿ";
    private const string Folded = "aaaaaaceeeeiiiinoooooouuuuyy";

    public static string Slug(string name)
    {
        var sb = new StringBuilder();
        foreach (var ch in name.ToLowerInvariant())
        {
            var folded = Accented.IndexOf(ch, StringComparison.Ordinal);
            var c = folded >= 0 ? Folded[folded] : ch;
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-' && (char.IsWhiteSpace(c) || c is '-' or '_' or '.')) sb.Append('-');
            if (sb.Length >= MaxSlugLength) break;
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>The slug, or slug-xxxxxx when empty or taken.</summary>
    public static string Create(string name, Func<string, bool> taken)
    {
        var slug = Slug(name);
        if (slug.Length > 0 && !taken(slug)) return slug;
        while (true)
        {
            var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
            var id = slug.Length > 0 ? $"{slug}-{suffix}" : $"t-{suffix}";
            if (!taken(id)) return id;
        }
    }
}
