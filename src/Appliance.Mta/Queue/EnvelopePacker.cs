using System.Buffers;
using System.Text;
using Appliance.Mta.Messages;
using Appliance.Mta.Smtp;

namespace Appliance.Mta.Queue;

/// <summary>
/// The compact in-memory form of a waiting message's envelope (architecture.md, "Memory per queued message"): one
/// UTF-8 byte array instead of a record, a recipient list, a record per recipient and a string per address. A message
/// whose items all wait in the timer keeps only this; the envelope is rebuilt when it is next read (delivery, DSN,
/// admin). Never persisted: the spool keeps its own JSON record.
/// </summary>
/// <remarks>
/// Layout: received-at UTC ticks (8 bytes), offset minutes (2), flags (1), RET (1), BODY (1), then the texts
/// MailFrom, TenantId, ClientAddress, EnvId, Campaign, Stream, AuthUser, MessageIdHeader, then the recipient count and
/// per recipient its NOTIFY flags, address and ORCPT. Each text is a 7-bit-encoded length plus one (0 = null) and its
/// UTF-8 bytes; counts and NOTIFY are 7-bit encoded.
/// </remarks>
public static class EnvelopePacker
{
    // Labels repeat across messages (tenant, client address, campaign, stream, user): rebuilt envelopes share one
    // instance of each, as recovered ones do (MessageAcceptor.SharedLabels).
    private static readonly TextPool Labels = new();

    [Flags]
    private enum Bits : byte
    {
        None = 0,
        SmtpUtf8 = 1,
        HandedOver = 2,
        IsDsn = 4,
        Inbound = 8,
        SystemGenerated = 16,
    }

    /// <summary>The packed bytes of <paramref name="envelope"/> (its reception header summary is not kept).</summary>
    public static byte[] Pack(MessageEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var buffer = new ArrayBufferWriter<byte>(256);
        var fixedPart = buffer.GetSpan(13);
        BitConverter.TryWriteBytes(fixedPart, envelope.ReceivedAt.UtcTicks);
        BitConverter.TryWriteBytes(fixedPart[8..], checked((short)envelope.ReceivedAt.Offset.TotalMinutes));
        fixedPart[10] = (byte)((envelope.SmtpUtf8 ? Bits.SmtpUtf8 : 0) | (envelope.HandedOver ? Bits.HandedOver : 0) | (envelope.IsDsn ? Bits.IsDsn : 0)
            | (envelope.Inbound ? Bits.Inbound : 0) | (envelope.SystemGenerated ? Bits.SystemGenerated : 0));
        fixedPart[11] = checked((byte)envelope.Ret);
        fixedPart[12] = checked((byte)envelope.Body);
        buffer.Advance(13);
        WriteText(buffer, envelope.MailFrom);
        WriteText(buffer, envelope.TenantId);
        WriteText(buffer, envelope.ClientAddress);
        WriteText(buffer, envelope.EnvId);
        WriteText(buffer, envelope.Campaign);
        WriteText(buffer, envelope.Stream);
        WriteText(buffer, envelope.AuthUser);
        WriteText(buffer, envelope.MessageIdHeader);
        WriteNumber(buffer, envelope.Recipients.Count);
        foreach (var r in envelope.Recipients)
        {
            WriteNumber(buffer, (int)r.Notify);
            WriteText(buffer, r.Address);
            WriteText(buffer, r.ORcpt);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The envelope <paramref name="packed"/> was made from (equal field by field; labels shared).</summary>
    public static MessageEnvelope Unpack(byte[] packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        ReadOnlySpan<byte> span = packed;
        var ticks = BitConverter.ToInt64(span);
        var offset = TimeSpan.FromMinutes(BitConverter.ToInt16(span[8..]));
        var bits = (Bits)span[10];
        var ret = (DsnReturn)span[11];
        var body = (BodyType)span[12];
        var at = 13;
        var mailFrom = ReadText(span, ref at)!;
        var tenant = Labels.Share(ReadText(span, ref at))!;
        var client = Labels.Share(ReadText(span, ref at))!;
        var envId = ReadText(span, ref at);
        var campaign = Labels.Share(ReadText(span, ref at));
        var stream = Labels.Share(ReadText(span, ref at));
        var authUser = Labels.Share(ReadText(span, ref at));
        var messageId = ReadText(span, ref at);
        var count = ReadNumber(span, ref at);
        var recipients = new EnvelopeRecipient[count];
        for (var i = 0; i < count; i++)
        {
            var notify = (DsnNotify)ReadNumber(span, ref at);
            var address = ReadText(span, ref at)!;
            recipients[i] = new EnvelopeRecipient(address, notify, ReadText(span, ref at));
        }
        return new MessageEnvelope
        {
            MailFrom = mailFrom,
            Recipients = recipients,
            EnvId = envId,
            Ret = ret,
            Body = body,
            SmtpUtf8 = bits.HasFlag(Bits.SmtpUtf8),
            TenantId = tenant,
            Campaign = campaign,
            Stream = stream,
            ReceivedAt = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset),
            ClientAddress = client,
            AuthUser = authUser,
            MessageIdHeader = messageId,
            HandedOver = bits.HasFlag(Bits.HandedOver),
            IsDsn = bits.HasFlag(Bits.IsDsn),
            Inbound = bits.HasFlag(Bits.Inbound),
            SystemGenerated = bits.HasFlag(Bits.SystemGenerated),
        };
    }

    /// <summary>The <see cref="MessageEnvelope.ReceivedAt"/> of a packed envelope, without unpacking the rest.</summary>
    public static DateTimeOffset ReceivedAt(byte[] packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        return new DateTimeOffset(BitConverter.ToInt64(packed), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(BitConverter.ToInt16(packed, 8)));
    }

    private static void WriteText(ArrayBufferWriter<byte> buffer, string? text)
    {
        if (text is null)
        {
            WriteNumber(buffer, 0);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(text);
        WriteNumber(buffer, length + 1);
        buffer.Advance(Encoding.UTF8.GetBytes(text, buffer.GetSpan(length)));
    }

    private static string? ReadText(ReadOnlySpan<byte> span, ref int at)
    {
        var n = ReadNumber(span, ref at);
        if (n == 0) return null;
        var text = Encoding.UTF8.GetString(span.Slice(at, n - 1));
        at += n - 1;
        return text;
    }

    private static void WriteNumber(ArrayBufferWriter<byte> buffer, int value)
    {
        var span = buffer.GetSpan(5);
        var v = (uint)value;
        var i = 0;
        while (v >= 0x80)
        {
            span[i++] = (byte)(v | 0x80);
            v >>= 7;
        }
        span[i++] = (byte)v;
        buffer.Advance(i);
    }

    private static int ReadNumber(ReadOnlySpan<byte> span, ref int at)
    {
        uint value = 0;
        var shift = 0;
        byte b;
        do
        {
            b = span[at++];
            value |= (uint)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return (int)value;
    }
}
