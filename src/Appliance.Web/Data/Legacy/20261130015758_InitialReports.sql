CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory_Reports" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory_Reports" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "ReportAlertMarks" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_ReportAlertMarks" PRIMARY KEY,
    "RaisedAt" INTEGER NOT NULL
);

CREATE TABLE "ReportIngestionLog" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReportIngestionLog" PRIMARY KEY AUTOINCREMENT,
    "At" INTEGER NOT NULL,
    "Channel" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Message" TEXT NOT NULL
);

CREATE TABLE "ReportMailboxes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReportMailboxes" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Host" TEXT NOT NULL,
    "Port" INTEGER NOT NULL,
    "Username" TEXT NOT NULL,
    "ProtectedPassword" TEXT NOT NULL,
    "Folder" TEXT NOT NULL,
    "ProcessedFolder" TEXT NOT NULL,
    "PinnedCertificateSha256" TEXT NULL,
    "TrustedCaFile" TEXT NULL,
    "Enabled" INTEGER NOT NULL,
    "LastPollAt" INTEGER NULL,
    "LastSuccessAt" INTEGER NULL,
    "LastError" TEXT NULL,
    "LastImported" INTEGER NOT NULL
);

CREATE TABLE "Reports" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Reports" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "OrgName" TEXT NOT NULL,
    "ReportId" TEXT NOT NULL,
    "Domain" TEXT NOT NULL,
    "TenantId" TEXT NULL,
    "Begin" INTEGER NOT NULL,
    "End" INTEGER NOT NULL,
    "ReceivedAt" INTEGER NOT NULL,
    "Channel" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "RecordCount" INTEGER NOT NULL,
    "MessageCount" INTEGER NOT NULL,
    "FailureCount" INTEGER NOT NULL,
    "PolicyP" TEXT NULL,
    "PolicyPct" INTEGER NULL,
    "Problems" TEXT NOT NULL,
    "Raw" BLOB NULL
);

CREATE TABLE "DmarcRecords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DmarcRecords" PRIMARY KEY AUTOINCREMENT,
    "StoredReportId" INTEGER NOT NULL,
    "SourceIp" TEXT NOT NULL,
    "Count" INTEGER NOT NULL,
    "Disposition" TEXT NULL,
    "DkimPass" INTEGER NOT NULL,
    "SpfPass" INTEGER NOT NULL,
    "DmarcPass" INTEGER NOT NULL,
    "HeaderFrom" TEXT NULL,
    "EnvelopeFrom" TEXT NULL,
    "DkimAuth" TEXT NOT NULL,
    "SpfAuth" TEXT NOT NULL,
    "FailureReasons" TEXT NOT NULL,
    CONSTRAINT "FK_DmarcRecords_Reports_StoredReportId" FOREIGN KEY ("StoredReportId") REFERENCES "Reports" ("Id") ON DELETE CASCADE
);

CREATE TABLE "FailureReports" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FailureReports" PRIMARY KEY AUTOINCREMENT,
    "StoredReportId" INTEGER NOT NULL,
    "SourceIp" TEXT NULL,
    "OriginalMailFrom" TEXT NULL,
    "OriginalRcptTo" TEXT NULL,
    "AuthFailure" TEXT NULL,
    "DeliveryResult" TEXT NULL,
    "DkimDomain" TEXT NULL,
    "AuthenticationResults" TEXT NULL,
    "OriginalSubject" TEXT NULL,
    "ArrivalDate" INTEGER NULL,
    CONSTRAINT "FK_FailureReports_Reports_StoredReportId" FOREIGN KEY ("StoredReportId") REFERENCES "Reports" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TlsResults" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TlsResults" PRIMARY KEY AUTOINCREMENT,
    "StoredReportId" INTEGER NOT NULL,
    "PolicyType" TEXT NOT NULL,
    "PolicyDomain" TEXT NOT NULL,
    "ResultType" TEXT NOT NULL,
    "ReceivingMx" TEXT NULL,
    "ReceivingIp" TEXT NULL,
    "SendingIp" TEXT NULL,
    "Sessions" INTEGER NOT NULL,
    "AdditionalInformation" TEXT NULL,
    CONSTRAINT "FK_TlsResults_Reports_StoredReportId" FOREIGN KEY ("StoredReportId") REFERENCES "Reports" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_DmarcRecords_SourceIp" ON "DmarcRecords" ("SourceIp");

CREATE INDEX "IX_DmarcRecords_StoredReportId" ON "DmarcRecords" ("StoredReportId");

CREATE UNIQUE INDEX "IX_FailureReports_StoredReportId" ON "FailureReports" ("StoredReportId");

CREATE INDEX "IX_ReportIngestionLog_At" ON "ReportIngestionLog" ("At");

CREATE UNIQUE INDEX "IX_ReportMailboxes_Name" ON "ReportMailboxes" ("Name");

CREATE INDEX "IX_Reports_Domain_Begin" ON "Reports" ("Domain", "Begin");

CREATE UNIQUE INDEX "IX_Reports_Kind_OrgName_ReportId" ON "Reports" ("Kind", "OrgName", "ReportId");

CREATE INDEX "IX_Reports_ReceivedAt" ON "Reports" ("ReceivedAt");

CREATE INDEX "IX_TlsResults_StoredReportId" ON "TlsResults" ("StoredReportId");

INSERT INTO "__EFMigrationsHistory_Reports" ("MigrationId", "ProductVersion")
VALUES ('20261130015758_InitialReports', '10.0.15');
