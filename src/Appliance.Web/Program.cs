using Appliance.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplianceHost();

var app = builder.Build();
app.UseApplianceHost();
app.Run();

/// <summary>Entry point; public so WebApplicationFactory&lt;Program&gt; can start the host in tests.</summary>
public partial class Program;
