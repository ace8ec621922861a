CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory_Domains" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory_Domains" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "SendingDomains" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SendingDomains" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "TenantId" TEXT NOT NULL,
    "Algorithm" TEXT NOT NULL,
    "ReturnPathDomain" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Phase" TEXT NOT NULL,
    "NextRotationAt" INTEGER NOT NULL,
    "RotationStartedAt" INTEGER NULL,
    "PublishDeadline" INTEGER NULL,
    "VerifiedAt" INTEGER NULL,
    "SwitchedAt" INTEGER NULL,
    "GraceEndsAt" INTEGER NULL,
    "RetiredAt" INTEGER NULL,
    "AlertRaisedAt" INTEGER NULL
);

CREATE TABLE "TenantSendingPolicies" (
    "TenantId" TEXT NOT NULL CONSTRAINT "PK_TenantSendingPolicies" PRIMARY KEY,
    "Enforcement" TEXT NOT NULL
);

CREATE TABLE "DkimKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DkimKeys" PRIMARY KEY AUTOINCREMENT,
    "SendingDomainId" INTEGER NOT NULL,
    "Selector" TEXT NOT NULL,
    "Algorithm" TEXT NOT NULL,
    "ProtectedPrivateKey" TEXT NOT NULL,
    "TxtRecord" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ActivatedAt" INTEGER NULL,
    "RetiredAt" INTEGER NULL,
    CONSTRAINT "FK_DkimKeys_SendingDomains_SendingDomainId" FOREIGN KEY ("SendingDomainId") REFERENCES "SendingDomains" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DomainCheckRuns" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DomainCheckRuns" PRIMARY KEY AUTOINCREMENT,
    "SendingDomainId" INTEGER NOT NULL,
    "CheckedAt" INTEGER NOT NULL,
    "Worst" TEXT NOT NULL,
    "ResultsJson" TEXT NOT NULL,
    CONSTRAINT "FK_DomainCheckRuns_SendingDomains_SendingDomainId" FOREIGN KEY ("SendingDomainId") REFERENCES "SendingDomains" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_DkimKeys_SendingDomainId_Selector" ON "DkimKeys" ("SendingDomainId", "Selector");

CREATE INDEX "IX_DomainCheckRuns_SendingDomainId_CheckedAt" ON "DomainCheckRuns" ("SendingDomainId", "CheckedAt");

CREATE UNIQUE INDEX "IX_SendingDomains_Name" ON "SendingDomains" ("Name");

CREATE INDEX "IX_SendingDomains_TenantId" ON "SendingDomains" ("TenantId");

INSERT INTO "__EFMigrationsHistory_Domains" ("MigrationId", "ProductVersion")
VALUES ('20261129232346_InitialDomains', '10.0.15');
