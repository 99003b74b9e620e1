import { MigrationInterface, QueryRunner } from 'typeorm';

/** The client's own `x-request-id`, kept apart from the gateway's request id (packages/common/src/bootstrap/request-ids.ts). */
export class AuditClientRequestId1796650000000 implements MigrationInterface {
  name = 'AuditClientRequestId1796650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "audit_event" ADD COLUMN "client_request_id" varchar(64)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "audit_event" DROP COLUMN "client_request_id"');
  }
}
