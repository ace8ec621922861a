using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProtectRoutePasswords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Schema only: the plaintext "Password" values are encrypted into this column by RoutePasswordUpgrade,
            // which the database initializer runs right after the migrations (Data Protection keys are not in SQL).
            migrationBuilder.AddColumn<string>(
                name: "ProtectedPassword",
                table: "Routes",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ProtectedPassword",
                table: "Routes");
        }
    }
}
