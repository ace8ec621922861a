ALTER TABLE "WarmupDays" ADD "HygieneBounced" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory_Pools" ("MigrationId", "ProductVersion")
VALUES ('20261206202533_WarmupHygieneBounces', '10.0.15');
