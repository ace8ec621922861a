using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BounceRules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Pattern = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Hard = table.Column<bool>(type: "INTEGER", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BounceRules", x => x.Id);
                });

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
                name: "ReportAlertMarks",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportAlertMarks", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ReportIngestionLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportIngestionLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportMailboxes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Port = table.Column<int>(type: "INTEGER", nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ProtectedPassword = table.Column<string>(type: "TEXT", nullable: false),
                    Folder = table.Column<string>(type: "TEXT", nullable: false),
                    ProcessedFolder = table.Column<string>(type: "TEXT", nullable: false),
                    PinnedCertificateSha256 = table.Column<string>(type: "TEXT", maxLength: 95, nullable: true),
                    TrustedCaFile = table.Column<string>(type: "TEXT", nullable: true),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastPollAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSuccessAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    LastImported = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportMailboxes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Reports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OrgName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ReportId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Begin = table.Column<long>(type: "INTEGER", nullable: false),
                    End = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RecordCount = table.Column<int>(type: "INTEGER", nullable: false),
                    MessageCount = table.Column<long>(type: "INTEGER", nullable: false),
                    FailureCount = table.Column<long>(type: "INTEGER", nullable: false),
                    PolicyP = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PolicyPct = table.Column<int>(type: "INTEGER", nullable: true),
                    Problems = table.Column<string>(type: "TEXT", nullable: false),
                    Raw = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Routes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Port = table.Column<int>(type: "INTEGER", nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ProtectedPassword = table.Column<string>(type: "TEXT", nullable: true),
                    Password = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    TlsMode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Routes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SendingDomains",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReturnPathDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NextRotationAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RotationStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishDeadline = table.Column<long>(type: "INTEGER", nullable: true),
                    VerifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SwitchedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GraceEndsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AlertRaisedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SendingDomains", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Settings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Settings", x => x.Key);
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
                name: "Suppressions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ScopeKey = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SourceType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SourceMessageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SourceResponse = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Suppressions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TenantFeedbackSettings",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReturnPathDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    OneClickUnsubscribe = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantFeedbackSettings", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "Tenants",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, collation: "NOCASE"),
                    DsnEnabled = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HourlyMessageLimit = table.Column<int>(type: "INTEGER", nullable: true),
                    DailyMessageLimit = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tenants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TenantSendingPolicies",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Enforcement = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantSendingPolicies", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "TenantUsageBuckets",
                columns: table => new
                {
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Minute = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantUsageBuckets", x => new { x.TenantId, x.Minute });
                });

            migrationBuilder.CreateTable(
                name: "TlsOutcomeCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PolicyDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    PolicyType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ResultType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReceivingMx = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    SendingIp = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false, defaultValue: ""),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TlsOutcomeCounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TlsPolicySnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PolicyDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    PolicyStrings = table.Column<string>(type: "TEXT", nullable: false),
                    MxHosts = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TlsPolicySnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TlsReportDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PolicyDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Destination = table.Column<string>(type: "TEXT", nullable: false),
                    ReportId = table.Column<string>(type: "TEXT", nullable: false),
                    AttemptedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TlsReportDeliveries", x => x.Id);
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
                    Complaints = table.Column<long>(type: "INTEGER", nullable: false),
                    HygieneBounced = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "WebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EndpointId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    EventCount = table.Column<int>(type: "INTEGER", nullable: false),
                    IsTest = table.Column<bool>(type: "INTEGER", nullable: false),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    LatencyMs = table.Column<double>(type: "REAL", nullable: false),
                    RequestExcerpt = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    ResponseExcerpt = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookEndpoints",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "TEXT", nullable: false),
                    EventTypes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FailingSince = table.Column<long>(type: "INTEGER", nullable: true),
                    DisabledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DisabledReason = table.Column<string>(type: "TEXT", nullable: true),
                    LastSuccessAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DroppedEvents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookEndpoints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateTable(
                name: "DmarcRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoredReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceIp = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    Disposition = table.Column<string>(type: "TEXT", nullable: true),
                    DkimPass = table.Column<bool>(type: "INTEGER", nullable: false),
                    SpfPass = table.Column<bool>(type: "INTEGER", nullable: false),
                    DmarcPass = table.Column<bool>(type: "INTEGER", nullable: false),
                    HeaderFrom = table.Column<string>(type: "TEXT", nullable: true),
                    EnvelopeFrom = table.Column<string>(type: "TEXT", nullable: true),
                    DkimAuth = table.Column<string>(type: "TEXT", nullable: false),
                    SpfAuth = table.Column<string>(type: "TEXT", nullable: false),
                    FailureReasons = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DmarcRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DmarcRecords_Reports_StoredReportId",
                        column: x => x.StoredReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FailureReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoredReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceIp = table.Column<string>(type: "TEXT", nullable: true),
                    OriginalMailFrom = table.Column<string>(type: "TEXT", nullable: true),
                    OriginalRcptTo = table.Column<string>(type: "TEXT", nullable: true),
                    AuthFailure = table.Column<string>(type: "TEXT", nullable: true),
                    DeliveryResult = table.Column<string>(type: "TEXT", nullable: true),
                    DkimDomain = table.Column<string>(type: "TEXT", nullable: true),
                    AuthenticationResults = table.Column<string>(type: "TEXT", nullable: true),
                    OriginalSubject = table.Column<string>(type: "TEXT", nullable: true),
                    ArrivalDate = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailureReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FailureReports_Reports_StoredReportId",
                        column: x => x.StoredReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TlsResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StoredReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    PolicyType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PolicyDomain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    ResultType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReceivingMx = table.Column<string>(type: "TEXT", nullable: true),
                    ReceivingIp = table.Column<string>(type: "TEXT", nullable: true),
                    SendingIp = table.Column<string>(type: "TEXT", nullable: true),
                    Sessions = table.Column<long>(type: "INTEGER", nullable: false),
                    AdditionalInformation = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TlsResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TlsResults_Reports_StoredReportId",
                        column: x => x.StoredReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DkimKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SendingDomainId = table.Column<int>(type: "INTEGER", nullable: false),
                    Selector = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", nullable: false),
                    TxtRecord = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ActivatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DkimKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DkimKeys_SendingDomains_SendingDomainId",
                        column: x => x.SendingDomainId,
                        principalTable: "SendingDomains",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DomainCheckRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SendingDomainId = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Worst = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ResultsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DomainCheckRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DomainCheckRuns_SendingDomains_SendingDomainId",
                        column: x => x.SendingDomainId,
                        principalTable: "SendingDomains",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", nullable: true),
                    Stream = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SmtpCredentials",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<string>(type: "TEXT", nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false, collation: "NOCASE"),
                    Secret = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Stream = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmtpCredentials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SmtpCredentials_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "Tenants",
                columns: new[] { "Id", "CreatedAt", "DailyMessageLimit", "DsnEnabled", "HourlyMessageLimit", "Name" },
                values: new object[] { "default", 1308729802752000000L, null, true, null, "Default" });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Prefix",
                table: "ApiKeys",
                column: "Prefix");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_TenantId",
                table: "ApiKeys",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_Timestamp",
                table: "AuditLog",
                column: "Timestamp");

            migrationBuilder.CreateIndex(
                name: "IX_BounceRules_Position",
                table: "BounceRules",
                column: "Position");

            migrationBuilder.CreateIndex(
                name: "IX_DkimKeys_SendingDomainId_Selector",
                table: "DkimKeys",
                columns: new[] { "SendingDomainId", "Selector" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DmarcRecords_SourceIp",
                table: "DmarcRecords",
                column: "SourceIp");

            migrationBuilder.CreateIndex(
                name: "IX_DmarcRecords_StoredReportId",
                table: "DmarcRecords",
                column: "StoredReportId");

            migrationBuilder.CreateIndex(
                name: "IX_DomainCheckRuns_SendingDomainId_CheckedAt",
                table: "DomainCheckRuns",
                columns: new[] { "SendingDomainId", "CheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FailureReports_StoredReportId",
                table: "FailureReports",
                column: "StoredReportId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PoolAssignments_TenantId_Stream",
                table: "PoolAssignments",
                columns: new[] { "TenantId", "Stream" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportIngestionLog_At",
                table: "ReportIngestionLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ReportMailboxes_Name",
                table: "ReportMailboxes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_Domain_Begin",
                table: "Reports",
                columns: new[] { "Domain", "Begin" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_Kind_OrgName_ReportId",
                table: "Reports",
                columns: new[] { "Kind", "OrgName", "ReportId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_ReceivedAt",
                table: "Reports",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Routes_Domain",
                table: "Routes",
                column: "Domain",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SendingDomains_Name",
                table: "SendingDomains",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SendingDomains_TenantId",
                table: "SendingDomains",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_SmtpCredentials_TenantId",
                table: "SmtpCredentials",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_SmtpCredentials_Username",
                table: "SmtpCredentials",
                column: "Username",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_Address_Scope_ScopeKey",
                table: "Suppressions",
                columns: new[] { "Address", "Scope", "ScopeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_ExpiresAt",
                table: "Suppressions",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_ScopeKey_CreatedAt",
                table: "Suppressions",
                columns: new[] { "ScopeKey", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TenantFeedbackSettings_ReturnPathDomain",
                table: "TenantFeedbackSettings",
                column: "ReturnPathDomain",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_Name",
                table: "Tenants",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TenantUsageBuckets_Minute",
                table: "TenantUsageBuckets",
                column: "Minute");

            migrationBuilder.CreateIndex(
                name: "IX_TlsOutcomeCounts_Day_PolicyDomain_PolicyType_ResultType_ReceivingMx_SendingIp",
                table: "TlsOutcomeCounts",
                columns: new[] { "Day", "PolicyDomain", "PolicyType", "ResultType", "ReceivingMx", "SendingIp" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TlsPolicySnapshots_Day_PolicyDomain",
                table: "TlsPolicySnapshots",
                columns: new[] { "Day", "PolicyDomain" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TlsReportDeliveries_Day_PolicyDomain",
                table: "TlsReportDeliveries",
                columns: new[] { "Day", "PolicyDomain" });

            migrationBuilder.CreateIndex(
                name: "IX_TlsResults_StoredReportId",
                table: "TlsResults",
                column: "StoredReportId");

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

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_EndpointId_Id",
                table: "WebhookDeliveries",
                columns: new[] { "EndpointId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookEndpoints_TenantId",
                table: "WebhookEndpoints",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditLog");

            migrationBuilder.DropTable(
                name: "BounceRules");

            migrationBuilder.DropTable(
                name: "DkimKeys");

            migrationBuilder.DropTable(
                name: "DmarcRecords");

            migrationBuilder.DropTable(
                name: "DomainCheckRuns");

            migrationBuilder.DropTable(
                name: "EgressPoolMembers");

            migrationBuilder.DropTable(
                name: "EgressSettings");

            migrationBuilder.DropTable(
                name: "EgressSources");

            migrationBuilder.DropTable(
                name: "FailureReports");

            migrationBuilder.DropTable(
                name: "PoolAssignments");

            migrationBuilder.DropTable(
                name: "ReportAlertMarks");

            migrationBuilder.DropTable(
                name: "ReportIngestionLog");

            migrationBuilder.DropTable(
                name: "ReportMailboxes");

            migrationBuilder.DropTable(
                name: "Routes");

            migrationBuilder.DropTable(
                name: "Settings");

            migrationBuilder.DropTable(
                name: "ShapingOverrides");

            migrationBuilder.DropTable(
                name: "SmtpCredentials");

            migrationBuilder.DropTable(
                name: "Suppressions");

            migrationBuilder.DropTable(
                name: "TenantFeedbackSettings");

            migrationBuilder.DropTable(
                name: "TenantSendingPolicies");

            migrationBuilder.DropTable(
                name: "TenantUsageBuckets");

            migrationBuilder.DropTable(
                name: "TlsOutcomeCounts");

            migrationBuilder.DropTable(
                name: "TlsPolicySnapshots");

            migrationBuilder.DropTable(
                name: "TlsReportDeliveries");

            migrationBuilder.DropTable(
                name: "TlsResults");

            migrationBuilder.DropTable(
                name: "WarmupAttachments");

            migrationBuilder.DropTable(
                name: "WarmupDays");

            migrationBuilder.DropTable(
                name: "WarmupPlans");

            migrationBuilder.DropTable(
                name: "WebhookDeliveries");

            migrationBuilder.DropTable(
                name: "WebhookEndpoints");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "SendingDomains");

            migrationBuilder.DropTable(
                name: "EgressPools");

            migrationBuilder.DropTable(
                name: "Tenants");

            migrationBuilder.DropTable(
                name: "Reports");
        }
    }
}
