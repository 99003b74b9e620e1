export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, any> }>;
}

/** Posts one operation as a browser or dashboard would (JSON, CSRF-safe content type). */
export async function postGraphQL<T = Record<string, any>>(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...body };
}

/** The data of a response that must have succeeded; fails the test with the errors otherwise. */
export function expectData<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(response.errors ?? response, null, 2)}`);
  }
  return response.data;
}

/** The single error code of a response that must have failed. */
export function errorCodes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((e) => String(e.extensions?.code));
}

/**
 * Checks an `_entities` answer row by row: where `outcomes[i]` is 'ok' the entity equals
 * `expected(i)` with no error on it; otherwise (an error code, e.g. 'FORBIDDEN') the entity is null
 * with exactly one error of that code on its path (the rest of the batch untouched).
 */
export function expectEntityOutcomes(result: GraphQLResponse, outcomes: readonly string[], expected: (i: number) => unknown): void {
  outcomes.forEach((outcome, i) => {
    const entity = (result.data as { _entities?: unknown[] } | undefined)?._entities?.[i] ?? null;
    const errors = (result.errors ?? []).filter((e) => e.path?.[0] === '_entities' && e.path?.[1] === i);
    if (outcome === 'ok') {
      expect(entity).toEqual(expected(i));
      expect(errors).toEqual([]);
    } else {
      expect(entity).toBeNull();
      expect(errors.map((e) => e.extensions?.code)).toEqual([outcome]);
    }
  });
}
