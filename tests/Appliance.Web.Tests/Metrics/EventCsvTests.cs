using Appliance.Mta.Bounces.Classification;
using Appliance.Mta.Events;
using Appliance.Web.Modules.EventStore;
using CsvHelper;

namespace Appliance.Web.Tests.Metrics;

/// <summary>The event export's CSV form (CsvHelper, RFC 4180): stable columns, quoting, embedded line breaks.</summary>
public sealed class EventCsvTests
{
    [Fact]
    public async Task Header_and_quoting_follow_RFC_4180_and_read_back_field_for_field()
    {
        var e = new MtaEvent
        {
            Type = MtaEventType.Bounce, Timestamp = new DateTimeOffset(2031, 7, 1, 8, 1, 0, TimeSpan.Zero), MessageId = "e1",
            Tenant = "exp", Sender = "news@exp.test", Recipient = "a@example.net", Code = 550, EnhancedCode = "5.1.1",
            Response = "550 5.1.1 \"no\", such user\r\nsecond line", Category = BounceCategory.InvalidRecipient, Attempt = 2,
        };
        var writer = new StringWriter();
        await using (var csv = CsvWriter.Create(writer, EventCsv.Options, leaveOpen: true))
        {
            EventCsv.WriteHeader(csv);
            EventCsv.WriteFields(csv, e);
            await csv.EndRecordAsync();
        }
        var text = writer.ToString();

        Assert.StartsWith("timestamp,type,messageId,messageIdHeader,tenant,sender,recipient,queue,site,egressSource,remoteHost,code,enhancedCode,response,category,attempt,detail\r\n", text, StringComparison.Ordinal);
        Assert.Contains("2031-07-01T08:01:00.000Z,Bounce,e1,,exp,news@exp.test,a@example.net,,,,,550,5.1.1,\"550 5.1.1 \"\"no\"\", such user\r\nsecond line\",InvalidRecipient,2,\r\n", text, StringComparison.Ordinal);

        await using var reader = CsvReader.FromText(text, CsvReaderOptions.Default with { Separator = ',' });
        Assert.True(await reader.ReadAsync());
        Assert.Equal(EventCsv.Columns, reader.Headers);
        Assert.Equal(e.Response, reader.GetString("response"));
        Assert.Equal("", reader.GetString("detail"));
        Assert.False(await reader.ReadAsync());
    }
}
