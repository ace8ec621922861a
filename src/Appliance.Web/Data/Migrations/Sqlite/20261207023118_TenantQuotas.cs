using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Web.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MaxMessageSizeBytes",
                table: "Tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaxRecipientsPerMessage",
                table: "Tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MonthlyMessageLimit",
                table: "Tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TenantDailyUsage",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Accepted = table.Column<long>(type: "INTEGER", nullable: false),
                    Delivered = table.Column<long>(type: "INTEGER", nullable: false),
                    Deferred = table.Column<long>(type: "INTEGER", nullable: false),
                    BouncedHard = table.Column<long>(type: "INTEGER", nullable: false),
                    BouncedSoft = table.Column<long>(type: "INTEGER", nullable: false),
                    Complained = table.Column<long>(type: "INTEGER", nullable: false),
                    Unsubscribed = table.Column<long>(type: "INTEGER", nullable: false),
                    BytesIn = table.Column<long>(type: "INTEGER", nullable: false),
                    BytesOut = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantDailyUsage", x => new { x.TenantId, x.Day, x.Domain });
                });

            migrationBuilder.CreateTable(
                name: "TenantQuotaCounters",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Window = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
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
