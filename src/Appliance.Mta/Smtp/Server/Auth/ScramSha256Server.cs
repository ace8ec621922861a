using System.Security.Cryptography;
using System.Text;
using Appliance.Mta.Security;

namespace Appliance.Mta.Smtp.Server.Auth;

/// <summary>
/// Server side of one SCRAM-SHA-256 exchange (RFC 5802 §5, RFC 7677). No channel binding is
/// offered (no -PLUS mechanism), so the gs2 header must be "n,," or "y,," (RFC 5802 §6); a client
/// that asks for binding ("p=") fails. An unknown user gets a fake but stable salt so that the
/// exchange does not reveal which usernames exist (RFC 5802 §9).
/// </summary>
internal sealed class ScramSha256Server
{
    private static readonly byte[] FakeSaltKey = RandomNumberGenerator.GetBytes(32);

    private string _gs2Header = "";
    private string _clientFirstBare = "";
    private string _nonce = "";
    private string _serverFirst = "";

    public string Username { get; private set; } = "";

    /// <summary>Parses client-first-message = gs2-header client-first-message-bare.</summary>
    public bool TryReadClientFirst(string message)
    {
        // gs2-header = gs2-cbind-flag "," [ authzid ] ","
        if (message.Length < 3 || message[0] is not ('n' or 'y') || message[1] != ',') return false;
        var secondComma = message.IndexOf(',', 2);
        if (secondComma < 0) return false;
        var authzid = message.AsSpan(2, secondComma - 2);
        if (!authzid.IsEmpty && !authzid.StartsWith("a=")) return false;
        _gs2Header = message[..(secondComma + 1)];
        _clientFirstBare = message[(secondComma + 1)..];
        // client-first-message-bare = [reserved-mext ","] username "," nonce ["," extensions]
        if (_clientFirstBare.StartsWith("m=", StringComparison.Ordinal)) return false; // RFC 5802 §5.1: mandatory extension unsupported
        var parts = _clientFirstBare.Split(',');
        if (parts.Length < 2 || !parts[0].StartsWith("n=", StringComparison.Ordinal) || !parts[1].StartsWith("r=", StringComparison.Ordinal)) return false;
        if (!TryDecodeSaslName(parts[0].AsSpan(2), out var user) || user.Length == 0) return false;
        var clientNonce = parts[1][2..];
        if (clientNonce.Length == 0 || clientNonce.Contains(',')) return false;
        if (!authzid.IsEmpty && (!TryDecodeSaslName(authzid[2..], out var z) || z != user)) return false; // no proxy authorisation
        Username = user;
        _nonce = clientNonce + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        return true;
    }

    /// <summary>server-first-message = "r=" nonce ",s=" salt ",i=" iteration-count.</summary>
    public string CreateServerFirst(ScramSecret? secret)
    {
        var salt = secret?.Salt ?? HMACSHA256.HashData(FakeSaltKey, Encoding.UTF8.GetBytes(Username))[..16];
        var iterations = secret?.Iterations ?? ScramSecret.DefaultIterations;
        _serverFirst = $"r={_nonce},s={Convert.ToBase64String(salt)},i={iterations.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return _serverFirst;
    }

    /// <summary>
    /// Verifies client-final-message = "c=" base64(gs2-header) ",r=" nonce ["," ext] ",p=" proof.
    /// On success returns the server-final-message "v=" base64(ServerSignature).
    /// </summary>
    public bool TryVerifyClientFinal(string message, ScramSecret? secret, out string serverFinal)
    {
        serverFinal = "";
        var proofAt = message.LastIndexOf(",p=", StringComparison.Ordinal);
        if (proofAt < 0) return false;
        var withoutProof = message[..proofAt];
        var parts = withoutProof.Split(',');
        if (parts.Length < 2 || parts[0] != "c=" + Convert.ToBase64String(Encoding.UTF8.GetBytes(_gs2Header))) return false;
        if (parts[1] != "r=" + _nonce) return false;
        Span<byte> proof = stackalloc byte[32];
        if (!Convert.TryFromBase64String(message[(proofAt + 3)..], proof, out var proofLength) || proofLength != 32) return false;
        if (secret is null) return false;

        // RFC 5802 §3: AuthMessage = client-first-bare "," server-first "," client-final-without-proof
        var authMessage = Encoding.UTF8.GetBytes($"{_clientFirstBare},{_serverFirst},{withoutProof}");
        Span<byte> clientSignature = stackalloc byte[32];
        HMACSHA256.HashData(secret.StoredKey, authMessage, clientSignature);
        for (var i = 0; i < 32; i++) clientSignature[i] ^= proof[i]; // now ClientKey
        Span<byte> storedKey = stackalloc byte[32];
        SHA256.HashData(clientSignature, storedKey);
        if (!CryptographicOperations.FixedTimeEquals(storedKey, secret.StoredKey)) return false;
        serverFinal = "v=" + Convert.ToBase64String(HMACSHA256.HashData(secret.ServerKey, authMessage));
        return true;
    }

    /// <summary>RFC 5802 §5.1 saslname: "=2C" is ",", "=3D" is "=", other "=" is invalid.</summary>
    private static bool TryDecodeSaslName(ReadOnlySpan<char> s, out string name)
    {
        name = "";
        if (s.IndexOf('=') < 0)
        {
            name = s.ToString();
            return true;
        }
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '=') { sb.Append(s[i]); continue; }
            if (s[(i + 1)..].StartsWith("2C")) sb.Append(',');
            else if (s[(i + 1)..].StartsWith("3D")) sb.Append('=');
            else return false;
            i += 2;
        }
        name = sb.ToString();
        return true;
    }
}
