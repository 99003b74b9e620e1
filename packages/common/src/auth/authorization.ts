import { Role } from '../context';

/**
 * Who may call a root operation, declared once above its `@Query` or `@Mutation` in the words of
 * docs/SECURITY.md's table. Purely a record for review: the services enforce the rules
 * (`auth/access.ts`); test/authorization-declarations.test.ts checks that every operation of every
 * subgraph has one, and snapshots them all, so that a change of who may call what shows in review.
 */
export interface AuthorizationDeclaration {
  /** What each role may do; a role left out is refused (FORBIDDEN). */
  readonly roles: Partial<Record<Role, string>>;
  /** For internal operations: the subgraphs whose service identity may call it (no role may). */
  readonly services?: ReadonlyArray<string>;
  readonly note?: string;
  /** The operation's name when the resolver gives one (`@Query(..., { name })`); else the method's. */
  readonly operation?: string;
}

export interface DeclaredAuthorization extends AuthorizationDeclaration {
  readonly operation: string;
  readonly resolver: string;
}

const declarations = new Map<string, DeclaredAuthorization>();

/** Records the declaration under the operation's name. */
export function Authorization(declaration: AuthorizationDeclaration) {
  return (target: object, propertyKey: string | symbol): void => {
    const operation = declaration.operation ?? String(propertyKey);
    const resolver = (target as { constructor: { name: string } }).constructor.name;
    const earlier = declarations.get(operation);
    if (earlier && earlier.resolver !== resolver) {
      throw new Error(`${resolver}.${operation}: ${earlier.resolver} already declares the authorization of ${operation}`);
    }
    declarations.set(operation, { ...declaration, operation, resolver });
  };
}

/** Every declaration made so far (by the resolver modules loaded), by operation name. */
export function authorizationDeclarations(): ReadonlyMap<string, DeclaredAuthorization> {
  return declarations;
}
