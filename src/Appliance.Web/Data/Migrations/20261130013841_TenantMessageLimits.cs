using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TenantMessageLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DailyMessageLimit",
                table: "Tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HourlyMessageLimit",
                table: "Tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.UpdateData(
                table: "Tenants",
                keyColumn: "Id",
                keyValue: "default",
                columns: new[] { "DailyMessageLimit", "HourlyMessageLimit" },
                values: new object[] { null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DailyMessageLimit",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "HourlyMessageLimit",
                table: "Tenants");
        }
    }
}
