import { ArgsType, ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { UserInputError } from '../errors';
import { isId } from '../validation/input-checker';

/** The largest page any list serves in one request. */
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ simpleResolvers: true, description: 'Relay page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last row of the previous page.' })
  after?: string | null;
}

export interface PageRequest {
  readonly first: number;
  readonly after: readonly (string | number)[] | null;
}

/**
 * What each value of a list's cursor must be: `id` an entity id (what every list of this
 * platform is keyed by, lower-cased), `text` any string, `number` a finite number.
 */
export type CursorPart = 'id' | 'text' | 'number';

/** The cursor of a list ordered by id alone. */
export const ID_CURSOR: readonly CursorPart[] = ['id'];

/** Validates page arguments: a size within bounds and a cursor of this list (by default one keyed by id). */
export function pageRequest(args: { first?: number | null; after?: string | null }, shape: readonly CursorPart[] = ID_CURSOR): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new UserInputError([{ field: 'first', message: `must be from 1 to ${MAX_PAGE_SIZE}, not ${first}` }]);
  }
  return { first, after: args.after ? decodeCursor(args.after, shape) : null };
}

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The values of a cursor, each checked against the list's `shape`; anything else (another
 * list's cursor, a number where an id belongs, a hand-made string) is BAD_USER_INPUT.
 */
export function decodeCursor(cursor: string, shape: readonly CursorPart[]): (string | number)[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (Array.isArray(values) && values.length === shape.length) {
    const out: (string | number)[] = [];
    for (let i = 0; i < shape.length; i++) {
      const v: unknown = values[i];
      const part = shape[i];
      if (part === 'id' && typeof v === 'string' && isId(v)) out.push(v.toLowerCase());
      else if (part === 'text' && typeof v === 'string') out.push(v);
      else if (part === 'number' && typeof v === 'number' && Number.isFinite(v)) out.push(v);
      else break;
    }
    if (out.length === shape.length) return out;
  }
  throw new UserInputError([{ field: 'after', message: 'is not a cursor of this list; pass the endCursor of the previous page' }]);
}

export interface Page<T> {
  readonly nodes: readonly T[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly cursorOf: (node: T) => string;
  /** Counts every row that matches the filter; only run when a client asks for totalCount. */
  readonly count: () => Promise<number>;
}

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  count: () => Promise<number>;
  totalCount(): Promise<number>;
}

/**
 * Builds the `XConnection` and `XEdge` types of a node type. `totalCount` runs its COUNT only
 * when the client selects it: an exact count grows with the table.
 */
export function ConnectionType<T extends object>(node: ClassType<T>, name: string): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Array<{ cursor: string; node: T }>;

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    count!: () => Promise<number>;

    @Field(() => Int, { description: 'Number of rows matching the filter (counted only when asked for).' })
    totalCount(): Promise<number> {
      return this.count();
    }
  }
  return Connection;
}

/** Builds a connection from a page of rows (entities), mapping each row to its node type. */
export function toConnection<R, T, C extends ConnectionShape<T>>(type: ClassType<C>, page: Page<R>, toNode: (row: R) => T): C {
  const edges = page.nodes.map((row) => ({ cursor: page.cursorOf(row), node: toNode(row) }));
  const conn = new type();
  conn.edges = edges;
  conn.pageInfo = Object.assign(new PageInfo(), {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  });
  conn.count = page.count;
  return conn;
}
