import { MigrationInterface, QueryRunner } from 'typeorm';
import { publishExistingMemberships } from '../publish-existing';

/** Publishes every membership stored before the outbox existed (a data step, written by hand). */
export class PublishExistingMemberships1796660100000 implements MigrationInterface {
  name = 'PublishExistingMemberships1796660100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await publishExistingMemberships(queryRunner);
  }

  async down(): Promise<void> {
    // Nothing to undo: the events are delivered or harmless when delivered again.
  }
}
