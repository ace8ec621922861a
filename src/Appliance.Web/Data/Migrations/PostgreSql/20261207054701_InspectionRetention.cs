using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InspectionRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TenantContentRetention",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    BudgetMegabytes = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantContentRetention", x => x.TenantId);
                    table.ForeignKey(
                        name: "FK_TenantContentRetention_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TenantContentRetention");
        }
    }
}
