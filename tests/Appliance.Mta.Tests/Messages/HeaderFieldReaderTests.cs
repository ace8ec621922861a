using System.Text;
using Appliance.Mta.Messages;

namespace Appliance.Mta.Tests.Messages;

/// <summary>The one RFC 5322 §2.2 header field reader: fields, folding, the end of the block, offsets.</summary>
public sealed class HeaderFieldReaderTests
{
    private static List<(HeaderLine Line, string Name, string Value, int Start, int End)> ReadAll(string text, bool complete = true)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new HeaderFieldReader(bytes, complete);
        var all = new List<(HeaderLine, string, string, int, int)>();
        while (true)
        {
            var line = reader.Read(out var field);
            if (line == HeaderLine.End) break;
            all.Add(line == HeaderLine.Field ? (line, field.NameText(), field.Value(), field.Start, field.End) : (line, "", "", 0, 0));
        }
        return all;
    }

    [Fact]
    public void Folded_fields_are_unfolded_and_the_empty_line_ends_the_block()
    {
        var fields = ReadAll("Received: from a\r\n\tby b;\r\n  Sun, 6 Dec 2026\r\nSubject: Héllo \r\nX-Empty:\r\n\r\nNot-A-Header: body\r\n");

        Assert.Equal(
            [
                (HeaderLine.Field, "Received", "from a\tby b;  Sun, 6 Dec 2026", 0, 45),
                (HeaderLine.Field, "Subject", "Héllo", 45, 63),
                (HeaderLine.Field, "X-Empty", "", 63, 73),
            ],
            fields);
    }

    [Fact]
    public void Bare_LF_line_ends_and_lines_that_are_not_fields_are_reported()
    {
        var fields = ReadAll("From: a@example.com\ngarbage line\n: no name\nTo : b@example.net\n\nbody");

        Assert.Equal([HeaderLine.Field, HeaderLine.NotAField, HeaderLine.NotAField, HeaderLine.Field], fields.Select(f => f.Line));
        Assert.Equal("To", fields[3].Name); // white space before the colon is not part of the name
        Assert.Equal("b@example.net", fields[3].Value);
    }

    [Fact]
    public void A_cut_last_line_is_left_out_unless_the_input_is_complete()
    {
        Assert.Equal(["A", "B"], ReadAll("A: 1\r\nB: 2", complete: true).Select(f => f.Name));
        Assert.Equal(["A"], ReadAll("A: 1\r\nB: 2", complete: false).Select(f => f.Name));
        // A folded continuation cut by the limit is not part of the field.
        var cut = ReadAll("A: 1\r\n more", complete: false);
        Assert.Equal("1", Assert.Single(cut).Value);
    }

    [Fact]
    public void The_reader_knows_whether_it_stopped_at_the_empty_line()
    {
        var atEmpty = new HeaderFieldReader("A: 1\r\n\r\nbody"u8);
        while (atEmpty.Read(out _) != HeaderLine.End) { }
        Assert.True(atEmpty.EndedAtEmptyLine);
        Assert.Equal(8, atEmpty.Consumed);

        var atEnd = new HeaderFieldReader("A: 1\r\n"u8);
        while (atEnd.Read(out _) != HeaderLine.End) { }
        Assert.False(atEnd.EndedAtEmptyLine);
    }

    [Fact]
    public void A_message_without_header_fields_ends_at_once()
    {
        Assert.Empty(ReadAll("\r\nbody: not a field\r\n"));
        Assert.Empty(ReadAll(""));
    }

    [Fact]
    public void Names_compare_without_ASCII_case()
    {
        var reader = new HeaderFieldReader("message-ID: <x@y>\r\n"u8);
        Assert.Equal(HeaderLine.Field, reader.Read(out var field));
        Assert.True(field.Is("Message-ID"u8));
        Assert.False(field.Is("Message"u8));
    }
}
