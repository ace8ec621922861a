CREATE TABLE "TenantUsageBuckets" (
    "TenantId" TEXT NOT NULL,
    "Minute" INTEGER NOT NULL,
    "Count" INTEGER NOT NULL,
    CONSTRAINT "PK_TenantUsageBuckets" PRIMARY KEY ("TenantId", "Minute")
);

CREATE INDEX "IX_TenantUsageBuckets_Minute" ON "TenantUsageBuckets" ("Minute");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206205620_TenantUsageBuckets', '10.0.15');
