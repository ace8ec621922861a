using System.Globalization;
using Appliance.Web.Cli;
using Appliance.Web.Extensions;

// ICU is loaded (UTS #46 IDNA), but numbers, dates and logs stay culture-neutral whatever LANG the service gets,
// as they were with invariant globalisation.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

// `Appliance.Web queue|config|admin ...`: the operations CLI; runs the command and exits without the web host.
if (CliApp.IsCliVerb(args)) return await CliApp.RunAsync(args);
// `serve` is the wrapper's name for running the service; the host itself takes configuration switches only.
if (args.Length > 0 && args[0] == "serve") args = args[1..];

// Settings that change at run time live in SQLite, not in appsettings.json. Watching the content root for
// config changes would also watch ./data, where every spool write then costs an inotify event.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
builder.AddApplianceHost();

var app = builder.Build();
app.UseApplianceHost();
app.Run();
return 0;

/// <summary>Entry point; public so WebApplicationFactory&lt;Program&gt; can start the host in tests.</summary>
public partial class Program;
