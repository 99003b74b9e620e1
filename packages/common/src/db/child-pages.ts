import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { encodeCursor, Page, pageRequest } from '../graphql/relay';
import { selectsOnlyTotalCount } from '../graphql/selection';
import { LoaderFamily, loaderMaxBatchSize } from '../loaders';

/** Page size and cursor (the id after which to start) of a per-parent connection. */
export interface ChildPageKey {
  readonly first: number;
  readonly after: string | null;
}

export interface ChildIdPage {
  readonly ids: readonly string[];
  readonly hasNextPage: boolean;
}

export interface ChildRows<E> {
  readonly rows: readonly E[];
  readonly hasNextPage: boolean;
}

/** One loader per page key (and extra filter, e.g. `activeOnly`) for the whole request. */
export type ChildPageFamily<E, X extends object = object> = LoaderFamily<ChildPageKey & X, string, ChildRows<E>>;

/**
 * Pages of children for many parents at once (`Organization.members(first: 20)` for every
 * organization of a response): the ids of every page in one statement (`childIdPages`), then
 * their rows by id, both in the same batch function so that the statement count never depends
 * on how promises happen to interleave.
 */
export function childPageFamily<E extends { id: string }, X extends object = object>(
  fetchIdPages: (parents: readonly string[], key: ChildPageKey & X) => Promise<ReadonlyMap<string, ChildIdPage>>,
  fetchByIds: (ids: readonly string[]) => Promise<readonly E[]>,
): ChildPageFamily<E, X> {
  return new LoaderFamily((key: ChildPageKey & X) => {
    const batchSize = loaderMaxBatchSize();
    return new DataLoader<string, ChildRows<E>>(
      async (parents) => {
        const idPages = await fetchIdPages(parents, key);
        const ids = [...idPages.values()].flatMap((p) => p.ids);
        const byId = new Map<string, E>();
        for (let i = 0; i < ids.length; i += batchSize) {
          for (const row of await fetchByIds(ids.slice(i, i + batchSize))) byId.set(row.id, row);
        }
        return parents.map((parent) => {
          const page = idPages.get(parent);
          return {
            rows: (page?.ids ?? []).map((id) => byId.get(id)).filter((row): row is E => row !== undefined),
            hasNextPage: page?.hasNextPage ?? false,
          };
        });
      },
      { maxBatchSize: batchSize },
    );
  });
}

/**
 * One parent's page from its family, as a `Page` for `toConnection`; `count` runs only if
 * totalCount is asked for, and the page is not loaded at all when totalCount is all that is
 * (`participations { totalCount }` for each of 1,000 exported persons is one COUNT statement).
 */
export async function loadChildPage<E extends { id: string }, X extends object>(
  family: ChildPageFamily<E, X>,
  parentId: string,
  args: { first?: number | null; after?: string | null },
  extra: X,
  count: () => Promise<number>,
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
): Promise<Page<E>> {
  // Keyed by id: pageRequest accepts only a cursor holding one id (checked even when only counting).
  const request = pageRequest(args);
  const after = request.after ? String(request.after[0]) : null;
  const cursorOf = (row: E) => encodeCursor([row.id]);
  if (selectsOnlyTotalCount(info)) return { nodes: [], hasNextPage: false, hasPreviousPage: after !== null, cursorOf, count };
  const page = await family.get({ first: request.first, after, ...extra }).load(parentId);
  return {
    nodes: page.rows,
    hasNextPage: page.hasNextPage,
    hasPreviousPage: after !== null,
    cursorOf,
    count,
  };
}
