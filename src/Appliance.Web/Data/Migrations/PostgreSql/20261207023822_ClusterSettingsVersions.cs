using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Appliance.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ClusterSettingsVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SettingsVersions",
                columns: table => new
                {
                    Area = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettingsVersions", x => x.Area);
                });

            migrationBuilder.InsertData(
                table: "SettingsVersions",
                columns: new[] { "Area", "Version" },
                values: new object[,]
                {
                    { "ApiKeys", 0L },
                    { "BounceRules", 0L },
                    { "Credentials", 0L },
                    { "Domains", 0L },
                    { "EngineSettings", 0L },
                    { "FeedbackSettings", 0L },
                    { "Pools", 0L },
                    { "Routes", 0L },
                    { "SuppressionRemovals", 0L },
                    { "Suppressions", 0L },
                    { "Tenants", 0L },
                    { "Webhooks", 0L }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "SettingsVersions");
        }
    }
}
