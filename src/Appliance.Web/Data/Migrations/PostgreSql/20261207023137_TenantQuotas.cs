using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TenantQuotas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DomainDailyMessageLimit",
                table: "Tenants",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MaxMessageSizeBytes",
                table: "Tenants",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxRecipientsPerMessage",
                table: "Tenants",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MonthlyMessageLimit",
                table: "Tenants",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TenantDailyUsage",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Domain = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Accepted = table.Column<long>(type: "bigint", nullable: false),
                    Delivered = table.Column<long>(type: "bigint", nullable: false),
                    Deferred = table.Column<long>(type: "bigint", nullable: false),
                    BouncedHard = table.Column<long>(type: "bigint", nullable: false),
                    BouncedSoft = table.Column<long>(type: "bigint", nullable: false),
                    Complained = table.Column<long>(type: "bigint", nullable: false),
                    Unsubscribed = table.Column<long>(type: "bigint", nullable: false),
                    BytesIn = table.Column<long>(type: "bigint", nullable: false),
                    BytesOut = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantDailyUsage", x => new { x.TenantId, x.Day, x.Domain });
                });

            migrationBuilder.CreateTable(
                name: "TenantQuotaCounters",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Window = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Scope = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantQuotaCounters", x => new { x.TenantId, x.Window, x.Period, x.Scope });
                });

            migrationBuilder.UpdateData(
                table: "Tenants",
                keyColumn: "Id",
                keyValue: "default",
                columns: new[] { "DomainDailyMessageLimit", "MaxMessageSizeBytes", "MaxRecipientsPerMessage", "MonthlyMessageLimit" },
                values: new object[] { null, null, null, null });

            migrationBuilder.CreateIndex(
                name: "IX_TenantDailyUsage_Day",
                table: "TenantDailyUsage",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TenantDailyUsage");

            migrationBuilder.DropTable(
                name: "TenantQuotaCounters");

            migrationBuilder.DropColumn(
                name: "DomainDailyMessageLimit",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "MaxMessageSizeBytes",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "MaxRecipientsPerMessage",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "MonthlyMessageLimit",
                table: "Tenants");
        }
    }
}
