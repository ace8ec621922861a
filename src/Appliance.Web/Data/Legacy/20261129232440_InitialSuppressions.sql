CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory_Suppressions" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory_Suppressions" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "Suppressions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Suppressions" PRIMARY KEY AUTOINCREMENT,
    "Address" TEXT NOT NULL,
    "Scope" TEXT NOT NULL,
    "ScopeKey" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NULL,
    "SourceType" TEXT NULL,
    "SourceMessageId" TEXT NULL,
    "SourceResponse" TEXT NULL
);

CREATE TABLE "TenantFeedbackSettings" (
    "TenantId" TEXT NOT NULL CONSTRAINT "PK_TenantFeedbackSettings" PRIMARY KEY,
    "Action" TEXT NOT NULL,
    "ReturnPathDomain" TEXT NULL,
    "OneClickUnsubscribe" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_Suppressions_Address_Scope_ScopeKey" ON "Suppressions" ("Address", "Scope", "ScopeKey");

CREATE INDEX "IX_Suppressions_ExpiresAt" ON "Suppressions" ("ExpiresAt");

CREATE INDEX "IX_Suppressions_ScopeKey_CreatedAt" ON "Suppressions" ("ScopeKey", "CreatedAt");

CREATE UNIQUE INDEX "IX_TenantFeedbackSettings_ReturnPathDomain" ON "TenantFeedbackSettings" ("ReturnPathDomain");

INSERT INTO "__EFMigrationsHistory_Suppressions" ("MigrationId", "ProductVersion")
VALUES ('20261129232440_InitialSuppressions', '10.0.15');
