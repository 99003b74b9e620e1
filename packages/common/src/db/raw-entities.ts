import type { DataSource, EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils';

/** Turns one raw row of a query builder into the entity of one of its aliases. */
export type EntityReader<E> = (raw: Record<string, unknown>) => E;

/**
 * Whether an entity's rows are its columns alone: no eager relations (a relation kept only for its
 * foreign key is not loaded by getMany() either), no embedded entities, no table inheritance.
 */
function isFlat(metadata: EntityMetadata): boolean {
  return metadata.eagerRelations.length === 0 && metadata.embeddeds.length === 0 && metadata.childEntityMetadatas.length === 0;
}

const readers = new WeakMap<EntityMetadata, Map<string, EntityReader<ObjectLiteral>>>();

/**
 * A reader of the columns `alias` selected, as `getMany()` hydrates them (each value through the
 * driver's `prepareHydratedValue`: dates as strings, datetimes as Date, booleans, transformers),
 * built once per entity and alias. TypeORM's general transformer (relations, embedded entities,
 * grouping joined rows by primary key) cost a tenth of a subgraph's CPU on lists of rows;
 * entities here are flat, so reading their columns is all it takes.
 */
export function entityReader<E extends ObjectLiteral>(dataSource: DataSource, metadata: EntityMetadata, alias: string): EntityReader<E> {
  let byAlias = readers.get(metadata);
  if (!byAlias) readers.set(metadata, (byAlias = new Map()));
  const known = byAlias.get(alias);
  if (known) return known as EntityReader<E>;
  if (!isFlat(metadata)) throw new Error(`entityReader reads flat entities only; ${metadata.name} has eager relations, embedded entities or children`);
  const driver = dataSource.driver;
  const columns = metadata.columns
    .filter((c) => !c.isVirtual)
    .map((column) => ({ column, key: DriverUtils.buildAlias(driver, undefined, alias, column.databaseName) }));
  const reader: EntityReader<E> = (raw) => {
    const entity = metadata.create(undefined, { fromDeserializer: true }) as E;
    for (const { column, key } of columns) {
      const value = raw[key];
      if (value !== undefined) column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  };
  byAlias.set(alias, reader as EntityReader<ObjectLiteral>);
  return reader;
}

/** `qb.getMany()`, read with `entityReader` when the query is of one flat entity without joins (otherwise getMany itself). */
export async function getEntities<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>): Promise<E[]> {
  const main = qb.expressionMap.mainAlias;
  if (!main?.hasMetadata || qb.expressionMap.joinAttributes.length > 0 || !isFlat(main.metadata)) return qb.getMany();
  const read = entityReader<E>(qb.connection, main.metadata, main.name);
  return (await qb.getRawMany()).map((raw: Record<string, unknown>) => read(raw));
}
