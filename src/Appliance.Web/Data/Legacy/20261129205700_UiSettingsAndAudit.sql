CREATE TABLE "AuditLog" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditLog" PRIMARY KEY AUTOINCREMENT,
    "Timestamp" INTEGER NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL
);

CREATE TABLE "Settings" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_Settings" PRIMARY KEY,
    "Value" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE INDEX "IX_AuditLog_Timestamp" ON "AuditLog" ("Timestamp");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261129205700_UiSettingsAndAudit', '10.0.15');
