using System.Net;

namespace Appliance.Mta.Smtp.Server.Data;

/// <summary>The facts about a session that go into the Received header.</summary>
internal readonly record struct ReceptionInfo(
    string Helo,
    IPAddress ClientAddress,
    string Hostname,
    bool Esmtp,
    bool Tls,
    bool Authenticated,
    string? TlsDescription,
    string TransactionId,
    string? SingleRecipient,
    DateTimeOffset Now);
