using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApiKeyStream : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Stream",
                table: "ApiKeys",
                type: "TEXT",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Stream",
                table: "ApiKeys");
        }
    }
}
