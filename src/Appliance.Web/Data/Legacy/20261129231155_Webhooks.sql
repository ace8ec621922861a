CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory_Webhooks" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory_Webhooks" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "WebhookDeliveries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY AUTOINCREMENT,
    "EndpointId" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Attempt" INTEGER NOT NULL,
    "EventCount" INTEGER NOT NULL,
    "IsTest" INTEGER NOT NULL,
    "Succeeded" INTEGER NOT NULL,
    "StatusCode" INTEGER NULL,
    "LatencyMs" REAL NOT NULL,
    "RequestExcerpt" TEXT NOT NULL,
    "ResponseExcerpt" TEXT NULL,
    "Error" TEXT NULL
);

CREATE TABLE "WebhookEndpoints" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookEndpoints" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Url" TEXT NOT NULL,
    "ProtectedSecret" TEXT NOT NULL,
    "EventTypes" TEXT NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "FailingSince" INTEGER NULL,
    "DisabledAt" INTEGER NULL,
    "DisabledReason" TEXT NULL,
    "LastSuccessAt" INTEGER NULL,
    "DroppedEvents" INTEGER NOT NULL
);

CREATE INDEX "IX_WebhookDeliveries_EndpointId_Id" ON "WebhookDeliveries" ("EndpointId", "Id");

CREATE INDEX "IX_WebhookEndpoints_TenantId" ON "WebhookEndpoints" ("TenantId");

INSERT INTO "__EFMigrationsHistory_Webhooks" ("MigrationId", "ProductVersion")
VALUES ('20261129231155_Webhooks', '10.0.15');
