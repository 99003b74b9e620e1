import type { DataSource, EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
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

/** Column types every driver hydrates as they come (strings): no `prepareHydratedValue` call needed. */
const AS_THEY_COME = new Set<unknown>([String, 'varchar', 'char', 'text', 'nvarchar', 'nchar', 'character varying', 'character']);

interface ReadColumn {
  readonly column: ColumnMetadata;
  /** The raw row's key of the column. */
  readonly key: string;
}

/**
 * A constructor of the entity from a raw row holding every column: one function per entity and
 * alias that writes every property in the same order (`this["id"] = raw["m_id"]; …`), so that V8
 * gives the rows one shape with their properties inside the object, and each store is a plain one.
 * Writing them one by one through `ColumnMetadata.setEntityValue` took ten times as long and
 * allocated a property store per row that grew as the row did (3,000 memberships an export).
 * The object's prototype is the entity's, as `metadata.create()` makes it (its constructor sets
 * nothing: `compiledRow` is only used then).
 */
function compiledRow(driver: DataSource['driver'], metadata: EntityMetadata, columns: readonly ReadColumn[]): new (raw: Record<string, unknown>) => ObjectLiteral {
  const convert = columns.map(({ column }) =>
    AS_THEY_COME.has(column.type) && !column.transformer ? null : (value: unknown) => driver.prepareHydratedValue(value, column),
  );
  const body = columns
    .map(({ column, key }, i) => {
      const read = `raw[${JSON.stringify(key)}]`;
      return `this[${JSON.stringify(column.propertyName)}] = ${convert[i] ? `convert[${i}](${read})` : read};`;
    })
    .join('\n');
  // The names are the entity's own property and column names, written as JSON string literals.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const Row = new Function('convert', `return function Row(raw) {\n${body}\n};`)(convert) as new (raw: Record<string, unknown>) => ObjectLiteral;
  Row.prototype = (metadata.target as { prototype: object }).prototype;
  return Row;
}

/**
 * Whether `compiledRow` makes what `metadata.create()` makes: an instance of a class whose
 * constructor sets no property, without lazy relations or a typename to add.
 */
function compilable(dataSource: DataSource, metadata: EntityMetadata, columns: readonly ReadColumn[]): boolean {
  if (typeof metadata.target !== 'function' || metadata.lazyRelations.length > 0 || dataSource.options.typename) return false;
  // A column that is not virtual is written `entity[propertyName] = value` by setEntityValue, a
  // relation's join column too (the relation itself is not loaded, as getMany() does not).
  if (columns.some(({ column }) => column.embeddedMetadata || column.propertyName !== column.propertyPath)) return false;
  const probe = metadata.create(undefined, { fromDeserializer: true }) as object;
  return Object.keys(probe).length === 0 && Object.getPrototypeOf(probe) === (metadata.target as { prototype: object }).prototype;
}

interface Readers<E> {
  /** One row, whichever columns it holds. */
  readonly one: EntityReader<E>;
  /** The rows of one statement, which all hold the same columns. */
  readonly all: (rows: readonly Record<string, unknown>[]) => E[];
}

const readersByAlias = new WeakMap<EntityMetadata, Map<string, Readers<ObjectLiteral>>>();

/**
 * Readers of the columns `alias` selected, as `getMany()` hydrates them (each value through the
 * driver's `prepareHydratedValue` but for plain strings: dates as strings, datetimes as Date,
 * booleans, transformers), built once per entity and alias. TypeORM's general transformer
 * (relations, embedded entities, grouping joined rows by primary key) cost a tenth of a
 * subgraph's CPU on lists of rows; entities here are flat, so reading their columns is all it
 * takes. Rows holding every column are built by `compiledRow`; a partial selection
 * (`select([…])`) is read column by column.
 */
function readersOf<E extends ObjectLiteral>(dataSource: DataSource, metadata: EntityMetadata, alias: string): Readers<E> {
  let byAlias = readersByAlias.get(metadata);
  if (!byAlias) readersByAlias.set(metadata, (byAlias = new Map()));
  const known = byAlias.get(alias);
  if (known) return known as Readers<E>;
  if (!isFlat(metadata)) throw new Error(`entityReader reads flat entities only; ${metadata.name} has eager relations, embedded entities or children`);
  const driver = dataSource.driver;
  const columns: ReadColumn[] = metadata.columns
    .filter((c) => !c.isVirtual)
    .map((column) => ({ column, key: DriverUtils.buildAlias(driver, undefined, alias, column.databaseName) }));
  const Row = compilable(dataSource, metadata, columns) ? compiledRow(driver, metadata, columns) : null;
  const whole = (raw: Record<string, unknown>) => columns.every(({ key }) => raw[key] !== undefined);
  const byColumn = (raw: Record<string, unknown>): E => {
    const entity = metadata.create(undefined, { fromDeserializer: true }) as E;
    for (const { column, key } of columns) {
      const value = raw[key];
      if (value !== undefined) column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  };
  const readers: Readers<E> = {
    one: Row ? (raw) => (whole(raw) ? (new Row(raw) as E) : byColumn(raw)) : byColumn,
    all: (rows) => (Row && rows.length > 0 && whole(rows[0]!) ? rows.map((raw) => new Row(raw) as E) : rows.map(byColumn)),
  };
  byAlias.set(alias, readers as Readers<ObjectLiteral>);
  return readers;
}

/** A reader of one raw row of `alias` (see `readersOf`). */
export function entityReader<E extends ObjectLiteral>(dataSource: DataSource, metadata: EntityMetadata, alias: string): EntityReader<E> {
  return readersOf<E>(dataSource, metadata, alias).one;
}

/** `qb.getMany()`, read with `entityReader` when the query is of one flat entity without joins (otherwise getMany itself). */
export async function getEntities<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>): Promise<E[]> {
  const main = qb.expressionMap.mainAlias;
  if (!main?.hasMetadata || qb.expressionMap.joinAttributes.length > 0 || !isFlat(main.metadata)) return qb.getMany();
  const { all } = readersOf<E>(qb.connection, main.metadata, main.name);
  return all(await qb.getRawMany());
}
