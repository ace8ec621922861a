namespace Appliance.Mta.Smtp.Server.Auth;

/// <summary>RFC 4616 PLAIN message: [authzid] NUL authcid NUL passwd (UTF-8).</summary>
internal static class SaslPlain
{
    public static bool TryParse(ReadOnlySpan<byte> decoded, out string username, out string password)
    {
        username = password = "";
        var first = decoded.IndexOf((byte)0);
        if (first < 0) return false;
        var rest = decoded[(first + 1)..];
        var second = rest.IndexOf((byte)0);
        if (second <= 0) return false;
        var authzid = decoded[..first];
        var authcid = rest[..second];
        var passwd = rest[(second + 1)..];
        if (passwd.IndexOf((byte)0) >= 0 || !System.Text.Unicode.Utf8.IsValid(decoded)) return false;
        // No proxy authorisation: authzid must be empty or the same identity.
        if (!authzid.IsEmpty && !authzid.SequenceEqual(authcid)) return false;
        username = System.Text.Encoding.UTF8.GetString(authcid);
        password = System.Text.Encoding.UTF8.GetString(passwd);
        return true;
    }
}
