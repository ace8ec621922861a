using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Web.Modules.TlsReporting.Migrations
{
    /// <inheritdoc />
    public partial class TlsOutcomeSendingIp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TlsOutcomeCounts_Day_PolicyDomain_PolicyType_ResultType_ReceivingMx",
                table: "TlsOutcomeCounts");

            migrationBuilder.AddColumn<string>(
                name: "SendingIp",
                table: "TlsOutcomeCounts",
                type: "TEXT",
                maxLength: 45,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_TlsOutcomeCounts_Day_PolicyDomain_PolicyType_ResultType_ReceivingMx_SendingIp",
                table: "TlsOutcomeCounts",
                columns: new[] { "Day", "PolicyDomain", "PolicyType", "ResultType", "ReceivingMx", "SendingIp" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TlsOutcomeCounts_Day_PolicyDomain_PolicyType_ResultType_ReceivingMx_SendingIp",
                table: "TlsOutcomeCounts");

            migrationBuilder.DropColumn(
                name: "SendingIp",
                table: "TlsOutcomeCounts");

            migrationBuilder.CreateIndex(
                name: "IX_TlsOutcomeCounts_Day_PolicyDomain_PolicyType_ResultType_ReceivingMx",
                table: "TlsOutcomeCounts",
                columns: new[] { "Day", "PolicyDomain", "PolicyType", "ResultType", "ReceivingMx" },
                unique: true);
        }
    }
}
