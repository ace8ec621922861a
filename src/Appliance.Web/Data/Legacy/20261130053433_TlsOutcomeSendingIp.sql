DROP INDEX "IX_TlsOutcomeCounts_Day_PolicyDomain_PolicyType_ResultType_ReceivingMx";

ALTER TABLE "TlsOutcomeCounts" ADD "SendingIp" TEXT NOT NULL DEFAULT '';

CREATE UNIQUE INDEX "IX_TlsOutcomeCounts_Day_PolicyDomain_PolicyType_ResultType_ReceivingMx_SendingIp" ON "TlsOutcomeCounts" ("Day", "PolicyDomain", "PolicyType", "ResultType", "ReceivingMx", "SendingIp");

INSERT INTO "__EFMigrationsHistory_TlsReporting" ("MigrationId", "ProductVersion")
VALUES ('20261130053433_TlsOutcomeSendingIp', '10.0.15');
