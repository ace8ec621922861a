CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory_Pools" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory_Pools" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "EgressPools" (
    "Name" TEXT COLLATE NOCASE NOT NULL CONSTRAINT "PK_EgressPools" PRIMARY KEY,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "EgressSettings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EgressSettings" PRIMARY KEY,
    "DefaultPool" TEXT NULL,
    "Overflow" TEXT NOT NULL,
    "AllowSharedStreams" INTEGER NOT NULL
);

CREATE TABLE "EgressSources" (
    "Name" TEXT COLLATE NOCASE NOT NULL CONSTRAINT "PK_EgressSources" PRIMARY KEY,
    "BindAddress" TEXT NULL,
    "EhloName" TEXT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "PoolAssignments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PoolAssignments" PRIMARY KEY AUTOINCREMENT,
    "TenantId" TEXT NULL,
    "Stream" TEXT NULL,
    "Pool" TEXT NOT NULL
);

CREATE TABLE "ShapingOverrides" (
    "Name" TEXT COLLATE NOCASE NOT NULL CONSTRAINT "PK_ShapingOverrides" PRIMARY KEY,
    "Json" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedBy" TEXT NULL
);

CREATE TABLE "WarmupAttachments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WarmupAttachments" PRIMARY KEY AUTOINCREMENT,
    "Source" TEXT NOT NULL,
    "Provider" TEXT NULL,
    "PlanId" INTEGER NOT NULL,
    "StartDate" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "PlanDay" INTEGER NOT NULL,
    "PlanDayDate" TEXT NOT NULL,
    "HeldOn" TEXT NULL,
    "HoldReason" TEXT NULL,
    "ResumeCap" INTEGER NULL,
    "ResumeDay" TEXT NULL,
    "BounceHold" REAL NOT NULL,
    "ComplaintHold" REAL NOT NULL,
    "BounceWarning" REAL NOT NULL,
    "ComplaintWarning" REAL NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "WarmupDays" (
    "Day" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Provider" TEXT NOT NULL,
    "Sent" INTEGER NOT NULL,
    "Delivered" INTEGER NOT NULL,
    "Bounced" INTEGER NOT NULL,
    "Deferred" INTEGER NOT NULL,
    "Complaints" INTEGER NOT NULL,
    CONSTRAINT "PK_WarmupDays" PRIMARY KEY ("Day", "Source", "Provider")
);

CREATE TABLE "WarmupPlans" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WarmupPlans" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Template" INTEGER NOT NULL,
    "StepsJson" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "EgressPoolMembers" (
    "PoolName" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Weight" INTEGER NOT NULL,
    CONSTRAINT "PK_EgressPoolMembers" PRIMARY KEY ("PoolName", "Source"),
    CONSTRAINT "FK_EgressPoolMembers_EgressPools_PoolName" FOREIGN KEY ("PoolName") REFERENCES "EgressPools" ("Name") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_PoolAssignments_TenantId_Stream" ON "PoolAssignments" ("TenantId", "Stream");

CREATE UNIQUE INDEX "IX_WarmupAttachments_Source_Provider" ON "WarmupAttachments" ("Source", "Provider");

CREATE UNIQUE INDEX "IX_WarmupPlans_Name" ON "WarmupPlans" ("Name");

INSERT INTO "__EFMigrationsHistory_Pools" ("MigrationId", "ProductVersion")
VALUES ('20261130014949_InitialPools', '10.0.15');
