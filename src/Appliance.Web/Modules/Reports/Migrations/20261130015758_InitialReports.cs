using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Web.Modules.Reports.Migrations
{
    /// <inheritdoc />
    public partial class InitialReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportAlertMarks",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportAlertMarks", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ReportIngestionLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportIngestionLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportMailboxes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Port = table.Column<int>(type: "INTEGER", nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ProtectedPassword = table.Column<string>(type: "TEXT", nullable: false),
                    Folder = table.Column<string>(type: "TEXT", nullable: false),
                    ProcessedFolder = table.Column<string>(type: "TEXT", nullable: false),
                    PinnedCertificateSha256 = table.Column<string>(type: "TEXT", maxLength: 95, nullable: true),
                    TrustedCaFile = table.Column<string>(type: "TEXT", nullable: true),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastPollAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSuccessAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    LastImported = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportMailboxes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Reports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OrgName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ReportId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Begin = table.Column<long>(type: "INTEGER", nullable: false),
                    End = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RecordCount = table.Column<int>(type: "INTEGER", nullable: false),
                    MessageCount = table.Column<long>(type: "INTEGER", nullable: false),
                    FailureCount = table.Column<long>(type: "INTEGER", nullable: false),
                    PolicyP = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PolicyPct = table.Column<int>(type: "INTEGER", nullable: true),
                    Problems = table.Column<string>(type: "TEXT", nullable: false),
                    Raw = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DmarcRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoredReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceIp = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    Disposition = table.Column<string>(type: "TEXT", nullable: true),
                    DkimPass = table.Column<bool>(type: "INTEGER", nullable: false),
                    SpfPass = table.Column<bool>(type: "INTEGER", nullable: false),
                    DmarcPass = table.Column<bool>(type: "INTEGER", nullable: false),
                    HeaderFrom = table.Column<string>(type: "TEXT", nullable: true),
                    EnvelopeFrom = table.Column<string>(type: "TEXT", nullable: true),
                    DkimAuth = table.Column<string>(type: "TEXT", nullable: false),
                    SpfAuth = table.Column<string>(type: "TEXT", nullable: false),
                    FailureReasons = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DmarcRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DmarcRecords_Reports_StoredReportId",
                        column: x => x.StoredReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FailureReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoredReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceIp = table.Column<string>(type: "TEXT", nullable: true),
                    OriginalMailFrom = table.Column<string>(type: "TEXT", nullable: true),
                    OriginalRcptTo = table.Column<string>(type: "TEXT", nullable: true),
                    AuthFailure = table.Column<string>(type: "TEXT", nullable: true),
                    DeliveryResult = table.Column<string>(type: "TEXT", nullable: true),
                    DkimDomain = table.Column<string>(type: "TEXT", nullable: true),
                    AuthenticationResults = table.Column<string>(type: "TEXT", nullable: true),
                    OriginalSubject = table.Column<string>(type: "TEXT", nullable: true),
                    ArrivalDate = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailureReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FailureReports_Reports_StoredReportId",
                        column: x => x.StoredReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TlsResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoredReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    PolicyType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PolicyDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    ResultType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReceivingMx = table.Column<string>(type: "TEXT", nullable: true),
                    ReceivingIp = table.Column<string>(type: "TEXT", nullable: true),
                    SendingIp = table.Column<string>(type: "TEXT", nullable: true),
                    Sessions = table.Column<long>(type: "INTEGER", nullable: false),
                    AdditionalInformation = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TlsResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TlsResults_Reports_StoredReportId",
                        column: x => x.StoredReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DmarcRecords_SourceIp",
                table: "DmarcRecords",
                column: "SourceIp");

            migrationBuilder.CreateIndex(
                name: "IX_DmarcRecords_StoredReportId",
                table: "DmarcRecords",
                column: "StoredReportId");

            migrationBuilder.CreateIndex(
                name: "IX_FailureReports_StoredReportId",
                table: "FailureReports",
                column: "StoredReportId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportIngestionLog_At",
                table: "ReportIngestionLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ReportMailboxes_Name",
                table: "ReportMailboxes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_Domain_Begin",
                table: "Reports",
                columns: new[] { "Domain", "Begin" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_Kind_OrgName_ReportId",
                table: "Reports",
                columns: new[] { "Kind", "OrgName", "ReportId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_ReceivedAt",
                table: "Reports",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_TlsResults_StoredReportId",
                table: "TlsResults",
                column: "StoredReportId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DmarcRecords");

            migrationBuilder.DropTable(
                name: "FailureReports");

            migrationBuilder.DropTable(
                name: "ReportAlertMarks");

            migrationBuilder.DropTable(
                name: "ReportIngestionLog");

            migrationBuilder.DropTable(
                name: "ReportMailboxes");

            migrationBuilder.DropTable(
                name: "TlsResults");

            migrationBuilder.DropTable(
                name: "Reports");
        }
    }
}
