ALTER TABLE "Tenants" ADD "DailyMessageLimit" INTEGER NULL;

ALTER TABLE "Tenants" ADD "HourlyMessageLimit" INTEGER NULL;

UPDATE "Tenants" SET "DailyMessageLimit" = NULL, "HourlyMessageLimit" = NULL
WHERE "Id" = 'default';
SELECT changes();


INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130013841_TenantMessageLimits', '10.0.15');
