using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EgressSourceNode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Node",
                table: "EgressSources",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Node",
                table: "EgressSources");
        }
    }
}
