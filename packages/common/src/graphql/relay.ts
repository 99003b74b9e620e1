import { ArgsType, ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { UserInputError } from '../errors';

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

/** Validates page arguments: a size within bounds and a cursor this server issued. */
export function pageRequest(args: { first?: number | null; after?: string | null }, arity = 1): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new UserInputError([{ field: 'first', message: `must be from 1 to ${MAX_PAGE_SIZE}, not ${first}` }]);
  }
  return { first, after: args.after ? decodeCursor(args.after, arity) : null };
}

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the user-facing error
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
