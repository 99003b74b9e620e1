import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795603951972 implements MigrationInterface {
  name = 'Init1795603951972';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `evaluation` (`id` varchar(36) NOT NULL, `person_id` varchar(36) NOT NULL, `year` int NOT NULL, `evaluator` varchar(50) NOT NULL, `composite` decimal(5,2) NOT NULL, `comment` varchar(1000) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `idx_evaluation_year_composite` (`year`, `composite`, `id`), INDEX `idx_evaluation_evaluator` (`evaluator`, `id`), INDEX `idx_evaluation_year` (`year`, `id`), INDEX `idx_evaluation_person` (`person_id`, `id`), UNIQUE INDEX `uq_evaluation_person_year_evaluator` (`person_id`, `year`, `evaluator`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `evaluation_score` (`evaluation_id` varchar(36) NOT NULL, `dimension` varchar(24) NOT NULL, `score` decimal(4,1) NOT NULL, `weight` decimal(5,4) NOT NULL, PRIMARY KEY (`evaluation_id`, `dimension`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'ALTER TABLE `evaluation_score` ADD CONSTRAINT `fk_evaluation_score_evaluation` FOREIGN KEY (`evaluation_id`) REFERENCES `evaluation`(`id`) ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `evaluation_score` DROP FOREIGN KEY `fk_evaluation_score_evaluation`');
    await queryRunner.query('DROP TABLE `evaluation_score`');
    await queryRunner.query('DROP INDEX `uq_evaluation_person_year_evaluator` ON `evaluation`');
    await queryRunner.query('DROP INDEX `idx_evaluation_person` ON `evaluation`');
    await queryRunner.query('DROP INDEX `idx_evaluation_year` ON `evaluation`');
    await queryRunner.query('DROP INDEX `idx_evaluation_evaluator` ON `evaluation`');
    await queryRunner.query('DROP INDEX `idx_evaluation_year_composite` ON `evaluation`');
    await queryRunner.query('DROP TABLE `evaluation`');
  }
}
