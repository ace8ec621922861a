using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Web.Modules.Pools.Migrations
{
    /// <inheritdoc />
    public partial class InitialPools : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EgressPools",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, collation: "NOCASE"),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EgressPools", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "EgressSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    DefaultPool = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Overflow = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AllowSharedStreams = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EgressSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EgressSources",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, collation: "NOCASE"),
                    BindAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EhloName = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EgressSources", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "PoolAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Stream = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Pool = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoolAssignments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ShapingOverrides",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, collation: "NOCASE"),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShapingOverrides", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "WarmupAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PlanDay = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanDayDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HoldReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ResumeCap = table.Column<long>(type: "INTEGER", nullable: true),
                    ResumeDay = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BounceHold = table.Column<double>(type: "REAL", nullable: false),
                    ComplaintHold = table.Column<double>(type: "REAL", nullable: false),
                    BounceWarning = table.Column<double>(type: "REAL", nullable: false),
                    ComplaintWarning = table.Column<double>(type: "REAL", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarmupAttachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WarmupDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sent = table.Column<long>(type: "INTEGER", nullable: false),
                    Delivered = table.Column<long>(type: "INTEGER", nullable: false),
                    Bounced = table.Column<long>(type: "INTEGER", nullable: false),
                    Deferred = table.Column<long>(type: "INTEGER", nullable: false),
                    Complaints = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarmupDays", x => new { x.Day, x.Source, x.Provider });
                });

            migrationBuilder.CreateTable(
                name: "WarmupPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Template = table.Column<bool>(type: "INTEGER", nullable: false),
                    StepsJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarmupPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EgressPoolMembers",
                columns: table => new
                {
                    PoolName = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Weight = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EgressPoolMembers", x => new { x.PoolName, x.Source });
                    table.ForeignKey(
                        name: "FK_EgressPoolMembers_EgressPools_PoolName",
                        column: x => x.PoolName,
                        principalTable: "EgressPools",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PoolAssignments_TenantId_Stream",
                table: "PoolAssignments",
                columns: new[] { "TenantId", "Stream" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WarmupAttachments_Source_Provider",
                table: "WarmupAttachments",
                columns: new[] { "Source", "Provider" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WarmupPlans_Name",
                table: "WarmupPlans",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EgressPoolMembers");

            migrationBuilder.DropTable(
                name: "EgressSettings");

            migrationBuilder.DropTable(
                name: "EgressSources");

            migrationBuilder.DropTable(
                name: "PoolAssignments");

            migrationBuilder.DropTable(
                name: "ShapingOverrides");

            migrationBuilder.DropTable(
                name: "WarmupAttachments");

            migrationBuilder.DropTable(
                name: "WarmupDays");

            migrationBuilder.DropTable(
                name: "WarmupPlans");

            migrationBuilder.DropTable(
                name: "EgressPools");
        }
    }
}
