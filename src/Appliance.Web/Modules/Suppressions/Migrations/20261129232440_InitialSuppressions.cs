using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Web.Modules.Suppressions.Migrations
{
    /// <inheritdoc />
    public partial class InitialSuppressions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Suppressions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ScopeKey = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SourceType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SourceMessageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SourceResponse = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Suppressions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TenantFeedbackSettings",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReturnPathDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    OneClickUnsubscribe = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantFeedbackSettings", x => x.TenantId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_Address_Scope_ScopeKey",
                table: "Suppressions",
                columns: new[] { "Address", "Scope", "ScopeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_ExpiresAt",
                table: "Suppressions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_ScopeKey_CreatedAt",
                table: "Suppressions",
                columns: new[] { "ScopeKey", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TenantFeedbackSettings_ReturnPathDomain",
                table: "TenantFeedbackSettings",
                column: "ReturnPathDomain",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Suppressions");

            migrationBuilder.DropTable(
                name: "TenantFeedbackSettings");
        }
    }
}
