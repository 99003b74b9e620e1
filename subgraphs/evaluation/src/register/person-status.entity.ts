import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Each person's status in the register (ACTIVE, MOVED_AWAY, ARCHIVED), as the persons subgraph last
 * published it through its outbox (docs/CROSS-DISTRICT.md): a replica this subgraph keeps so that
 * the talent pool counts registered persons only (DOMAIN.md, "Counting people") without reading
 * another subgraph's tables. Written only by `applyPersonStatuses`.
 */
@Entity({ name: 'person_status' })
export class PersonStatusEntity {
  @PrimaryColumn({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: string;

  /** The person's version at that change: a row is replaced only by a newer one. */
  @Column({ name: 'person_version', type: 'int' })
  personVersion!: number;
}

/**
 * The SQL condition that the person of `personColumn` is registered: not known here to be archived
 * or moved away (a person the replica has not heard of yet counts, as in the organizations subgraph).
 */
export function registeredPerson(personColumn: string): string {
  return `NOT EXISTS (SELECT 1 FROM person_status ps WHERE ps.person_id = ${personColumn} AND ps.status <> 'ACTIVE')`;
}
