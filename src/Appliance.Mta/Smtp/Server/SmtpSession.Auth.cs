using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Appliance.Mta.Security;
using Appliance.Mta.Smtp.Server.Auth;
using Appliance.Mta.Smtp.Server.Protocol;
using Appliance.Mta.Telemetry;

namespace Appliance.Mta.Smtp.Server;

/// <summary>AUTH (RFC 4954) with PLAIN (RFC 4616), LOGIN and SCRAM-SHA-256 (RFC 5802, RFC 7677).</summary>
internal sealed partial class SmtpSession
{
    private static readonly byte[] FakeSalt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
    private static readonly byte[] UsernameChallenge = "334 VXNlcm5hbWU6\r\n"u8.ToArray();
    private static readonly byte[] PasswordChallenge = "334 UGFzc3dvcmQ6\r\n"u8.ToArray();
    private static readonly byte[] EmptyChallenge = "334 \r\n"u8.ToArray();

    /// <summary>The current AUTH holds a place in the IP's failure count (see <see cref="TryReserveAttempt"/>).</summary>
    private bool _authReserved;

    private async ValueTask AuthAsync()
    {
        if (IsAuthenticated)
        {
            Reply(SmtpReplies.AlreadyAuthenticated); // RFC 4954 §4: only one successful AUTH
            return;
        }
        var args = Args;
        var space = args.IndexOf((byte)' ');
        var mechanism = space < 0 ? args : args[..space];
        var initial = space < 0 ? default : args[(space + 1)..];
        if (mechanism.IsEmpty)
        {
            Reply(SmtpReplies.SyntaxError);
            return;
        }
        var mechanismName = Ascii.EqualsIgnoreCase(mechanism, "PLAIN"u8) ? "PLAIN"
            : Ascii.EqualsIgnoreCase(mechanism, "LOGIN"u8) ? "LOGIN"
            : Ascii.EqualsIgnoreCase(mechanism, "SCRAM-SHA-256"u8) ? "SCRAM-SHA-256"
            : null;
        // RFC 4954 §4: without TLS, plaintext mechanisms are refused; RelayHosts clients are trusted networks.
        if (!_isTls && !IsRelayHost)
        {
            Reply(SmtpReplies.EncryptionRequired);
            SmtpServerLog.AuthAttempt(_ctx.Logger, mechanismName ?? "?", "", _remoteIp, "refused-no-tls");
            return;
        }
        if (mechanismName is null)
        {
            Reply(SmtpReplies.AuthUnknownMechanism);
            return;
        }
        if (_ctx.AuthFailures.IsLocked(_remoteIp))
        {
            Reply(SmtpReplies.AuthLocked);
            SmtpServerLog.AuthAttempt(_ctx.Logger, mechanismName, "", _remoteIp, "locked-out");
            EngineCounters.AuthFailed(mechanismName, "locked-out");
            WriteRejection(SmtpReplies.AuthLocked, "AUTH locked out after repeated failures");
            return;
        }
        // Copy the initial response out of the line buffer: reading the next line overwrites it.
        byte[]? initialResponse = initial.IsEmpty ? null : initial.ToArray();
        var outcome = new AuthOutcome(AuthResult.Disconnected);
        try
        {
            outcome = mechanismName switch
            {
                "PLAIN" => await PlainAsync(initialResponse).ConfigureAwait(false),
                "LOGIN" => await LoginAsync(initialResponse).ConfigureAwait(false),
                _ => await ScramAsync(initialResponse).ConfigureAwait(false),
            };
        }
        finally
        {
            // The place taken before the secret check becomes a failure or is given back, whatever happened.
            if (_authReserved)
            {
                _authReserved = false;
                if (outcome.Result == AuthResult.Failed) _ctx.AuthFailures.Fail(_remoteIp);
                else _ctx.AuthFailures.Release(_remoteIp);
            }
            else if (outcome.Result == AuthResult.Failed)
            {
                _ctx.AuthFailures.RecordFailure(_remoteIp); // malformed before any secret was checked
            }
        }
        var user = outcome.User ?? "";
        switch (outcome.Result)
        {
            case AuthResult.Success:
                _credential = outcome.Credential;
                Reply(SmtpReplies.AuthSucceeded);
                SmtpServerLog.AuthAttempt(_ctx.Logger, mechanismName, user, _remoteIp, "success");
                break;
            case AuthResult.Failed:
                Reply(SmtpReplies.AuthFailed);
                SmtpServerLog.AuthAttempt(_ctx.Logger, mechanismName, user, _remoteIp, "failed");
                EngineCounters.AuthFailed(mechanismName, "failed");
                break;
            case AuthResult.Cancelled:
                Reply(SmtpReplies.AuthCancelled);
                SmtpServerLog.AuthAttempt(_ctx.Logger, mechanismName, user, _remoteIp, "cancelled");
                break;
            case AuthResult.BadEncoding:
                Reply(SmtpReplies.AuthBadBase64);
                SmtpServerLog.AuthAttempt(_ctx.Logger, mechanismName, user, _remoteIp, "malformed");
                EngineCounters.AuthFailed(mechanismName, "malformed");
                break;
            case AuthResult.Locked:
                Reply(SmtpReplies.AuthLocked);
                SmtpServerLog.AuthAttempt(_ctx.Logger, mechanismName, user, _remoteIp, "locked-out");
                EngineCounters.AuthFailed(mechanismName, "locked-out");
                WriteRejection(SmtpReplies.AuthLocked, "AUTH locked out after repeated failures");
                break;
            case AuthResult.Disconnected:
                _closing = true;
                break;
        }
    }

    /// <summary>
    /// Takes this attempt's place in the IP's failure count before a secret is checked, so that parallel connections
    /// cannot check more than AuthFailureLimit secrets per window (AuthAsync gives the place back or fails it).
    /// </summary>
    private bool TryReserveAttempt()
    {
        if (!_ctx.AuthFailures.TryReserve(_remoteIp)) return false;
        _authReserved = true;
        return true;
    }

    private async ValueTask<AuthOutcome> PlainAsync(byte[]? initial)
    {
        var response = initial ?? await ChallengeAsync(EmptyChallenge).ConfigureAwait(false);
        if (!TryDecode(response, out var decoded, out var early)) return early;
        if (!SaslPlain.TryParse(decoded, out var username, out var password)) return new AuthOutcome(AuthResult.Failed);
        return await VerifyPasswordAsync(username, password).ConfigureAwait(false);
    }

    private async ValueTask<AuthOutcome> LoginAsync(byte[]? initial)
    {
        var userResponse = initial ?? await ChallengeAsync(UsernameChallenge).ConfigureAwait(false);
        if (!TryDecode(userResponse, out var userBytes, out var early)) return early;
        var passResponse = await ChallengeAsync(PasswordChallenge).ConfigureAwait(false);
        if (!TryDecode(passResponse, out var passBytes, out early)) return early;
        if (!System.Text.Unicode.Utf8.IsValid(userBytes) || !System.Text.Unicode.Utf8.IsValid(passBytes)) return new AuthOutcome(AuthResult.Failed);
        return await VerifyPasswordAsync(Encoding.UTF8.GetString(userBytes), Encoding.UTF8.GetString(passBytes)).ConfigureAwait(false);
    }

    private async ValueTask<AuthOutcome> ScramAsync(byte[]? initial)
    {
        var first = initial ?? await ChallengeAsync(EmptyChallenge).ConfigureAwait(false);
        if (!TryDecode(first, out var firstBytes, out var early)) return early;
        var scram = new ScramSha256Server();
        if (!System.Text.Unicode.Utf8.IsValid(firstBytes) || !scram.TryReadClientFirst(Encoding.UTF8.GetString(firstBytes)))
            return new AuthOutcome(AuthResult.Failed);
        var credential = await _ctx.Credentials.FindAsync(scram.Username, _ioToken).ConfigureAwait(false);
        var serverFirst = scram.CreateServerFirst(credential?.Secret);
        var final = await ChallengeAsync(Challenge(serverFirst)).ConfigureAwait(false);
        if (!TryDecode(final, out var finalBytes, out early)) return early with { User = scram.Username };
        if (!TryReserveAttempt()) return new AuthOutcome(AuthResult.Locked, scram.Username);
        if (!System.Text.Unicode.Utf8.IsValid(finalBytes) || !scram.TryVerifyClientFinal(Encoding.UTF8.GetString(finalBytes), credential?.Secret, out var serverFinal))
            return new AuthOutcome(AuthResult.Failed, scram.Username);
        // RFC 4954 §4: additional data with success goes in a 334 challenge; the client answers empty.
        var ack = await ChallengeAsync(Challenge(serverFinal)).ConfigureAwait(false);
        if (ack is null) return new AuthOutcome(AuthResult.Disconnected);
        if (ack.Length == 1 && ack[0] == (byte)'*') return new AuthOutcome(AuthResult.Cancelled, scram.Username);
        return new AuthOutcome(AuthResult.Success, scram.Username, credential);
    }

    private async ValueTask<AuthOutcome> VerifyPasswordAsync(string username, string password)
    {
        if (!TryReserveAttempt()) return new AuthOutcome(AuthResult.Locked, username);
        var credential = await _ctx.Credentials.FindAsync(username, _ioToken).ConfigureAwait(false);
        if (credential is null)
        {
            _ = ScramSecret.Derive(password, FakeSalt, ScramSecret.DefaultIterations); // same cost as a real check
            return new AuthOutcome(AuthResult.Failed, username);
        }
        return credential.Secret.Verify(password)
            ? new AuthOutcome(AuthResult.Success, username, credential)
            : new AuthOutcome(AuthResult.Failed, username);
    }

    private static byte[] Challenge(string text) => Encoding.ASCII.GetBytes($"334 {Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}\r\n");

    /// <summary>Sends a 334 challenge and returns the client's response line (null when the client left).</summary>
    private async ValueTask<byte[]?> ChallengeAsync(byte[] challenge)
    {
        _writer.Write(challenge);
        _pendingOutput = true;
        var status = await ReadLineAsync(_ioToken).ConfigureAwait(false);
        return status switch
        {
            LineStatus.Ok => _line.AsSpan(0, _lineLength).ToArray(),
            LineStatus.TooLong => [0xFF], // not base64: reported as a decoding error
            _ => null,
        };
    }

    /// <summary>RFC 4954 §4: "*" cancels, "=" is an empty response, otherwise base64.</summary>
    private static bool TryDecode(byte[]? response, out byte[] decoded, out AuthOutcome early)
    {
        decoded = [];
        early = new AuthOutcome(AuthResult.Failed);
        if (response is null) { early = new AuthOutcome(AuthResult.Disconnected); return false; }
        if (response is [(byte)'*']) { early = new AuthOutcome(AuthResult.Cancelled); return false; }
        if (response is [(byte)'=']) return true;
        var buffer = new byte[Base64.GetMaxDecodedFromUtf8Length(response.Length)];
        if (Base64.DecodeFromUtf8(response, buffer, out var consumed, out var written) != OperationStatus.Done || consumed != response.Length)
        {
            early = new AuthOutcome(AuthResult.BadEncoding);
            return false;
        }
        decoded = buffer[..written];
        return true;
    }

    private enum AuthResult
    {
        Success,
        Failed,
        Cancelled,
        BadEncoding,
        Disconnected,
        Locked,
    }

    private readonly record struct AuthOutcome(AuthResult Result, string? User = null, SmtpCredential? Credential = null);
}
