using System.Diagnostics;

namespace Appliance.Web.Tests.TenantLimits;

/// <summary>
/// One SMTP transaction by Debian's Python smtplib (a real client, /usr/bin/python3 by full path): EHLO, MAIL FROM
/// (with SIZE= when given), each RCPT, DATA when a recipient was accepted. Returns one line per reply: "MAIL 250 ...",
/// "RCPT 452 4.7.0 ...", "DATA 250 ...".
/// </summary>
public static class PythonSmtpClient
{
    private const string Script = """
        import smtplib, sys
        port, sender, rcpts, size = int(sys.argv[1]), sys.argv[2], sys.argv[3].split(','), int(sys.argv[4])
        s = smtplib.SMTP('127.0.0.1', port, timeout=30)
        s.ehlo('client.example')
        code, msg = s.mail(sender, ['SIZE=%d' % size] if size > 0 else [])
        print('MAIL', code, msg.decode().replace('\n', ' '))
        if code == 250:
            ok = False
            for r in rcpts:
                code, msg = s.rcpt(r)
                print('RCPT', code, msg.decode().replace('\n', ' '))
                ok = ok or code == 250
            if ok:
                code, msg = s.data('From: %s\r\nTo: %s\r\nSubject: quota\r\n\r\nbody\r\n' % (sender, rcpts[0]))
                print('DATA', code, msg.decode().replace('\n', ' '))
        s.quit()
        """;

    public static async Task<IReadOnlyList<string>> SendAsync(int port, string from, string[] to, long size = 0)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-c", Script, port.ToString(System.Globalization.CultureInfo.InvariantCulture), from, string.Join(',', to),
                     size.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "smtplib failed: " + await stderr);
        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
