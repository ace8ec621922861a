using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Web.Modules.TlsReporting.Migrations
{
    /// <inheritdoc />
    public partial class InitialTlsReporting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TlsOutcomeCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PolicyDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    PolicyType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ResultType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReceivingMx = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TlsOutcomeCounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TlsPolicySnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PolicyDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    PolicyStrings = table.Column<string>(type: "TEXT", nullable: false),
                    MxHosts = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TlsPolicySnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TlsReportDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PolicyDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Destination = table.Column<string>(type: "TEXT", nullable: false),
                    ReportId = table.Column<string>(type: "TEXT", nullable: false),
                    AttemptedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TlsReportDeliveries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TlsOutcomeCounts_Day_PolicyDomain_PolicyType_ResultType_ReceivingMx",
                table: "TlsOutcomeCounts",
                columns: new[] { "Day", "PolicyDomain", "PolicyType", "ResultType", "ReceivingMx" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TlsPolicySnapshots_Day_PolicyDomain",
                table: "TlsPolicySnapshots",
                columns: new[] { "Day", "PolicyDomain" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TlsReportDeliveries_Day_PolicyDomain",
                table: "TlsReportDeliveries",
                columns: new[] { "Day", "PolicyDomain" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TlsOutcomeCounts");

            migrationBuilder.DropTable(
                name: "TlsPolicySnapshots");

            migrationBuilder.DropTable(
                name: "TlsReportDeliveries");
        }
    }
}
