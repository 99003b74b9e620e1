import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, Kind, SelectionSetNode } from 'graphql';
import type { RequestContext } from '../context';
import { AppError, ErrorCode } from '../errors';

/** FORBIDDEN at the door, answered 403 (an error of this hook would otherwise be a 500). */
class ServiceIdentityRefused extends AppError {
  constructor(message: string) {
    super(ErrorCode.FORBIDDEN, message, { http: { status: 403 } });
  }
}

/** The root fields an operation selects (through fragments too), `__typename` aside. */
export function rootFieldsOf(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') names.push(selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      names.push(...rootFieldsOf(selection.selectionSet, document, seen));
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) names.push(...rootFieldsOf(fragment.selectionSet, document, seen));
    }
  }
  return names;
}

/**
 * The wall of the service identity (docs/SECURITY.md, "Internal fields"): a request with a service
 * token (role SERVICE, claim `svc`) may select only the root fields `allowed` names, the internal
 * operations it exists for (`SubgraphDefinition.serviceOperations`); any other is FORBIDDEN (HTTP 403)
 * before a resolver runs, so nothing is read or written (and no audit event: like a refused token,
 * it never reaches a service). It holds no role besides, so every rule of
 * `access.ts` refuses it too. Requests of users pass untouched (one property read).
 */
export function serviceIdentityWall<C extends Pick<RequestContext<unknown>, 'viewer'>>(subgraph: string, allowed: readonly string[]): ApolloServerPlugin<C> {
  const allow = new Set(allowed);
  return {
    async requestDidStart({ contextValue }) {
      const service = contextValue.viewer.service;
      if (!service) return;
      return {
        async didResolveOperation({ operation, document }) {
          // Apollo resolves the operation before this hook; without one, nothing is allowed.
          const refused = operation ? rootFieldsOf(operation.selectionSet, document).filter((f) => !allow.has(f)) : ['an unnamed operation'];
          if (refused.length) {
            const may = allowed.length ? `only ${allowed.join(', ')}` : 'nothing';
            throw new ServiceIdentityRefused(`The ${service} service identity may call ${may} on the ${subgraph} subgraph, not ${[...new Set(refused)].join(', ')}.`);
          }
        },
      };
    },
  };
}
