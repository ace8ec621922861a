using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Web.Modules.Domains.Migrations
{
    /// <inheritdoc />
    public partial class InitialDomains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SendingDomains",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReturnPathDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NextRotationAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RotationStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishDeadline = table.Column<long>(type: "INTEGER", nullable: true),
                    VerifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SwitchedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GraceEndsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AlertRaisedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SendingDomains", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TenantSendingPolicies",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Enforcement = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantSendingPolicies", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "DkimKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SendingDomainId = table.Column<int>(type: "INTEGER", nullable: false),
                    Selector = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", nullable: false),
                    TxtRecord = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ActivatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DkimKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DkimKeys_SendingDomains_SendingDomainId",
                        column: x => x.SendingDomainId,
                        principalTable: "SendingDomains",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DomainCheckRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SendingDomainId = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Worst = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ResultsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DomainCheckRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DomainCheckRuns_SendingDomains_SendingDomainId",
                        column: x => x.SendingDomainId,
                        principalTable: "SendingDomains",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DkimKeys_SendingDomainId_Selector",
                table: "DkimKeys",
                columns: new[] { "SendingDomainId", "Selector" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DomainCheckRuns_SendingDomainId_CheckedAt",
                table: "DomainCheckRuns",
                columns: new[] { "SendingDomainId", "CheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SendingDomains_Name",
                table: "SendingDomains",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SendingDomains_TenantId",
                table: "SendingDomains",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DkimKeys");

            migrationBuilder.DropTable(
                name: "DomainCheckRuns");

            migrationBuilder.DropTable(
                name: "TenantSendingPolicies");

            migrationBuilder.DropTable(
                name: "SendingDomains");
        }
    }
}
