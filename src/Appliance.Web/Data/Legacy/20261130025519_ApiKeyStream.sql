ALTER TABLE "ApiKeys" ADD "Stream" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130025519_ApiKeyStream', '10.0.15');
