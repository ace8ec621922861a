CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory_BounceRules" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory_BounceRules" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "BounceRules" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_BounceRules" PRIMARY KEY,
    "Position" INTEGER NOT NULL,
    "Provider" TEXT NULL,
    "Pattern" TEXT NOT NULL,
    "Status" TEXT NULL,
    "Category" TEXT NOT NULL,
    "Hard" INTEGER NULL,
    "Description" TEXT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedBy" TEXT NULL
);

CREATE INDEX "IX_BounceRules_Position" ON "BounceRules" ("Position");

INSERT INTO "__EFMigrationsHistory_BounceRules" ("MigrationId", "ProductVersion")
VALUES ('20261130002409_BounceRulesInitial', '10.0.15');
