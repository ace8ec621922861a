using System.Text;
using Appliance.Web.Modules.Suppressions;
using CsvHelper;

namespace Appliance.Web.Tests.Suppressions;

/// <summary>The suppression CSV codec (CsvHelper): RFC 4180 quoting, header, BOM, line numbers of bad records, export form.</summary>
public sealed class SuppressionCsvTests
{
    private static async Task<List<SuppressionCsvRecord>> ReadAsync(string text)
    {
        var records = new List<SuppressionCsvRecord>();
        await foreach (var r in SuppressionCsv.ReadAsync(new StringReader(text))) records.Add(r);
        return records;
    }

    [Fact]
    public async Task Quoted_fields_keep_commas_and_doubled_quotes_and_are_trimmed()
    {
        var records = await ReadAsync("\"a,b@example.com\" , manual\n\"x\"\"y@example.com\",\" complaint \",global,\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["a,b@example.com", "manual"], records[0].Fields);
        Assert.Null(records[0].Error);
        Assert.Equal(["x\"y@example.com", "complaint", "global", ""], records[1].Fields);
        Assert.Equal([1, 2], records.Select(r => r.Line));
    }

    [Fact]
    public async Task Header_is_skipped_on_the_first_line_only_and_blank_lines_keep_line_numbers()
    {
        var records = await ReadAsync("Address,Reason\r\n\r\na@example.com,manual\r\n   \r\naddress@example.com\r\n");

        Assert.Equal([3, 5], records.Select(r => r.Line));
        Assert.Equal("address@example.com", records[1].Fields[0]);
    }

    [Fact]
    public async Task A_byte_order_mark_is_not_part_of_the_first_field()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("address,reason\na@example.com,manual\n")).ToArray();
        var fromStream = new List<SuppressionCsvRecord>();
        await foreach (var r in SuppressionCsv.ReadAsync(new StreamReader(new MemoryStream(bytes), Encoding.UTF8))) fromStream.Add(r);
        var fromText = await ReadAsync("\uFEFFa@example.com,manual\n");

        Assert.Equal(2, Assert.Single(fromStream).Line); // the header line (with its BOM) was recognised and skipped
        Assert.Equal("a@example.com", Assert.Single(fromText).Fields[0]);
    }

    [Fact]
    public async Task A_line_break_inside_quotes_is_a_bad_record_and_the_following_lines_are_read()
    {
        var records = await ReadAsync("a@example.com\n\"b@example.com\nc@example.com\",manual\nd@example.com\n");

        Assert.Equal([1, 2, 3, 4], records.Select(r => r.Line));
        Assert.NotNull(records[1].Error);
        Assert.NotNull(records[2].Error); // the stray closing quote on the next line
        Assert.Contains("quote", records[1].Error!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("d@example.com", records[3].Fields[0]);
        Assert.Null(records[3].Error);
    }

    [Theory]
    [InlineData("bad\"quote@example.com,manual", "a quote inside an unquoted field")]
    [InlineData("\"after\"junk@example.com,manual", "text after the closing quote")]
    [InlineData("\"unterminated@example.com,manual", "not closed")]
    public async Task Broken_quoting_is_reported_with_its_line_and_text(string bad, string reason)
    {
        var records = await ReadAsync($"ok1@example.com\n{bad}\nok2@example.com");

        Assert.Equal(3, records.Count);
        var error = records[1];
        Assert.Equal(2, error.Line);
        Assert.Equal(bad, error.Text);
        Assert.Empty(error.Fields);
        Assert.Contains(reason, error.Error!, StringComparison.Ordinal);
        Assert.Equal(["ok1@example.com", "ok2@example.com"], records.Where(r => r.Error is null).Select(r => r.Fields[0]));
    }

    [Fact]
    public async Task Export_keeps_its_columns_quotes_what_needs_it_and_puts_one_entry_on_one_line()
    {
        var dto = new SuppressionDto(1, "a@example.com", "senderDomain", "shop.example", "hardBounce",
            new DateTimeOffset(2031, 7, 1, 8, 0, 0, TimeSpan.Zero), null, "bounce", "id,1", "550 5.1.1 \"no\"\r\nsuch user");
        var writer = new StringWriter();
        await using (var csv = CsvWriter.Create(writer, SuppressionCsv.WriterOptions, leaveOpen: true))
        {
            SuppressionCsv.WriteHeader(csv);
            SuppressionCsv.WriteFields(csv, dto);
            await csv.EndRecordAsync();
        }

        Assert.Equal(
            "address,reason,scope,scope_key,created_at,expires_at,source_type,source_message_id,source_response\n" +
            "a@example.com,hardBounce,senderDomain,shop.example,2031-07-01T08:00:00.0000000+00:00,,bounce,\"id,1\",\"550 5.1.1 \"\"no\"\"  such user\"\n",
            writer.ToString());

        // What the export writes, the import reads back.
        var back = Assert.Single(await ReadAsync(writer.ToString()));
        Assert.Equal(["a@example.com", "hardBounce", "senderDomain", "shop.example"], back.Fields[..4]);
        Assert.Equal("550 5.1.1 \"no\"  such user", back.Fields[8]);
    }
}
