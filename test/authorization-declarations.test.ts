import * as fs from 'node:fs';
import * as path from 'node:path';
import { authorizationDeclarations, buildSubgraphSchemaOf, DeclaredAuthorization, Role } from '@tongxin/common';
import type { GraphQLObjectType } from 'graphql';
import { SUBGRAPHS } from '../packages/platform/src/subgraphs';

/**
 * Issue 15 §3: every root operation declares, next to its resolver (`@Authorization`), which roles
 * may call it; the declarations are compared with a committed snapshot, so that a change of who
 * may call what shows in review; and every mutation has a roles test. The operations are read
 * from the subgraphs' built schemas (public graphql-js API), not from type-graphql's metadata.
 */

const ROOT = path.resolve(__dirname, '..');
const SNAPSHOT = path.join(__dirname, 'authorization-declarations.json');
/** Federation's own root fields: `_entities` is authorized field by field on the entities. */
const FEDERATION_FIELDS = new Set(['_service', '_entities']);
/** Where roles tests live: the subgraphs' roles tests, the gateway's, and the internal operations'. */
const ROLES_TEST_FILES = [...SUBGRAPHS.map((s) => `subgraphs/${s.subgraph}/test/roles.test.ts`), 'test/access.test.ts', 'test/service-identity.test.ts'];

interface Operation {
  readonly subgraph: string;
  readonly kind: 'Query' | 'Mutation';
  readonly name: string;
}

const rootFields = (type: GraphQLObjectType | null | undefined): string[] => (type ? Object.keys(type.getFields()).filter((f) => !FEDERATION_FIELDS.has(f)) : []);

let operations: Operation[];
let declarations: ReadonlyMap<string, DeclaredAuthorization>;

beforeAll(async () => {
  operations = [];
  for (const def of SUBGRAPHS) {
    const { schema } = await buildSubgraphSchemaOf(def);
    for (const name of rootFields(schema.getQueryType())) operations.push({ subgraph: def.subgraph, kind: 'Query', name });
    for (const name of rootFields(schema.getMutationType())) operations.push({ subgraph: def.subgraph, kind: 'Mutation', name });
  }
  declarations = authorizationDeclarations();
});

/** The snapshot: per subgraph and operation, its declaration, in a stable order. */
function snapshot(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const op of [...operations].sort((a, b) => a.subgraph.localeCompare(b.subgraph) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name))) {
    const d = declarations.get(op.name);
    if (!d) continue;
    const roles = Object.fromEntries(Object.values(Role).map((r) => [r, d.roles[r] ?? 'refused']));
    (out[op.subgraph] ??= {})[`${op.kind}.${op.name}`] = { roles, ...(d.services ? { services: d.services } : {}), ...(d.note ? { note: d.note } : {}) };
  }
  return out;
}

describe('authorization declarations (docs/SECURITY.md "Declarations")', () => {
  it("reads every subgraph's root operations from its schema", () => {
    const names = operations.map((o) => o.name);
    for (const expected of ['persons', 'registerPerson', 'addMembership', 'applyPersonDistricts', 'organizationScopes', 'createActivity', 'confirmTalentPoolEntry', 'applyPersonStatuses']) {
      expect(names).toContain(expected);
    }
    // One name, one operation: a declaration is recorded by name.
    expect(new Set(names).size).toBe(names.length);
  });

  it('declares every root operation of every subgraph, internal ones included', () => {
    const undeclared = operations.filter((o) => !declarations.has(o.name)).map((o) => `${o.subgraph}: ${o.kind}.${o.name}`);
    expect(undeclared).toEqual([]);
  });

  it('declares no operation that does not exist', () => {
    const names = new Set(operations.map((o) => o.name));
    const unknown = [...declarations.values()].filter((d) => !names.has(d.operation)).map((d) => `${d.resolver}.${d.operation}`);
    expect(unknown).toEqual([]);
  });

  it('names only the roles of the platform, and gives internal operations to service identities only', () => {
    for (const d of declarations.values()) {
      for (const role of Object.keys(d.roles)) expect(Object.values(Role)).toContain(role);
      if (d.services) expect(Object.keys(d.roles)).toEqual([]);
    }
    for (const def of SUBGRAPHS) {
      const declared = operations.filter((o) => o.subgraph === def.subgraph && declarations.get(o.name)?.services).map((o) => o.name);
      expect(declared.sort()).toEqual([...(def.serviceOperations ?? [])].sort());
    }
  });

  it('matches the committed snapshot test/authorization-declarations.json', () => {
    const current = `${JSON.stringify(snapshot(), null, 2)}\n`;
    if (process.env.UPDATE_AUTHORIZATIONS === '1') fs.writeFileSync(SNAPSHOT, current);
    const committed = fs.existsSync(SNAPSHOT) ? fs.readFileSync(SNAPSHOT, 'utf8') : '';
    if (committed !== current) {
      throw new Error(
        'The authorization declarations differ from test/authorization-declarations.json. If the change of who may call what is ' +
          'intended, update it with `UPDATE_AUTHORIZATIONS=1 npx jest test/authorization-declarations.test.ts`, commit it, and ' +
          "update docs/SECURITY.md's table to match.",
      );
    }
  });

  it('has a roles test for every mutation (its name, as a word, in a roles test file)', () => {
    const texts = ROLES_TEST_FILES.map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'));
    const untested = operations
      .filter((o) => o.kind === 'Mutation')
      .filter((o) => !texts.some((t) => new RegExp(`\\b${o.name}\\b`).test(t)))
      .map((o) => `${o.subgraph}: ${o.name}`);
    expect(untested).toEqual([]);
  });
});
