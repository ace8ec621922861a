CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory_TlsReporting" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory_TlsReporting" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "TlsOutcomeCounts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TlsOutcomeCounts" PRIMARY KEY AUTOINCREMENT,
    "Day" TEXT NOT NULL,
    "PolicyDomain" TEXT NOT NULL,
    "PolicyType" TEXT NOT NULL,
    "ResultType" TEXT NOT NULL,
    "ReceivingMx" TEXT NOT NULL,
    "Count" INTEGER NOT NULL
);

CREATE TABLE "TlsPolicySnapshots" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TlsPolicySnapshots" PRIMARY KEY AUTOINCREMENT,
    "Day" TEXT NOT NULL,
    "PolicyDomain" TEXT NOT NULL,
    "PolicyStrings" TEXT NOT NULL,
    "MxHosts" TEXT NOT NULL
);

CREATE TABLE "TlsReportDeliveries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TlsReportDeliveries" PRIMARY KEY AUTOINCREMENT,
    "Day" TEXT NOT NULL,
    "PolicyDomain" TEXT NOT NULL,
    "Destination" TEXT NOT NULL,
    "ReportId" TEXT NOT NULL,
    "AttemptedAt" INTEGER NOT NULL,
    "Outcome" TEXT NOT NULL,
    "Detail" TEXT NULL
);

CREATE UNIQUE INDEX "IX_TlsOutcomeCounts_Day_PolicyDomain_PolicyType_ResultType_ReceivingMx" ON "TlsOutcomeCounts" ("Day", "PolicyDomain", "PolicyType", "ResultType", "ReceivingMx");

CREATE UNIQUE INDEX "IX_TlsPolicySnapshots_Day_PolicyDomain" ON "TlsPolicySnapshots" ("Day", "PolicyDomain");

CREATE INDEX "IX_TlsReportDeliveries_Day_PolicyDomain" ON "TlsReportDeliveries" ("Day", "PolicyDomain");

INSERT INTO "__EFMigrationsHistory_TlsReporting" ("MigrationId", "ProductVersion")
VALUES ('20261130014950_InitialTlsReporting', '10.0.15');
