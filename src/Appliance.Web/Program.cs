using Appliance.Web.Extensions;

// Settings that change at run time live in SQLite, not in appsettings.json. Watching the content root for
// config changes would also watch ./data, where every spool write then costs an inotify event.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
builder.AddApplianceHost();

var app = builder.Build();
app.UseApplianceHost();
app.Run();

/// <summary>Entry point; public so WebApplicationFactory&lt;Program&gt; can start the host in tests.</summary>
public partial class Program;
