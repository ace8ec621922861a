ALTER TABLE "Routes" ADD "ProtectedPassword" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206200048_ProtectRoutePasswords', '10.0.15');
