import { MigrationInterface, QueryRunner } from 'typeorm';
import { publishExistingDistricts } from '../publish-existing';

/** Publishes the district of every person registered before the outbox existed (a data step, written by hand). */
export class PublishExistingDistricts1795612500000 implements MigrationInterface {
  name = 'PublishExistingDistricts1795612500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await publishExistingDistricts(queryRunner);
  }

  async down(): Promise<void> {
    // Nothing to undo: the events are delivered or harmless when delivered again.
  }
}
