import * as path from 'node:path';
import { checkSource, deniedDependencies, exportsNames, findDependencyInternals, Rule, sourceFiles } from './harness/dependency-internals';

/**
 * Issue 15 §2, ENGINEERING.md "Only public APIs": no import of a dependency's deep or private
 * path, no reading of type-graphql's internal metadata, no rewriting of a module cache or of
 * another package's exports, no code made from strings, and Apollo Server's gateway interface
 * for @apollo/gateway only. Four speed patches once did each of these; the fixtures below are
 * their own lines, so that the check is known to catch them.
 */

const ROOT = path.resolve(__dirname, '..');

describe('our sources use their dependencies through public APIs only', () => {
  it('reads the sources of every workspace, the bench and the tests', () => {
    const files = sourceFiles(ROOT).map((f) => path.relative(ROOT, f));
    for (const expected of [
      'packages/common/src/bootstrap/subgraph.ts',
      'subgraphs/persons/src/person/person.service.ts',
      'gateway/src/gateway.ts',
      'bench/src/processes.ts',
      'test/harness/platform.ts',
      'packages/platform/src/start.ts',
    ]) {
      expect(files).toContain(expected);
    }
    expect(files.some((f) => f.includes('/dist/') || f.includes('node_modules'))).toBe(false);
  });

  it('finds no deep import, metadata storage, module-cache rewrite, code from strings or borrowed gateway interface', () => {
    expect(findDependencyInternals(ROOT)).toEqual([]);
  });

  it('depends on no denied package (graphql-jit)', () => {
    expect(deniedDependencies(ROOT)).toEqual([]);
  });
});

describe('the check', () => {
  const rules = (text: string, file = path.join(ROOT, 'packages/common/src/fixture.ts')) => checkSource(file, text).map((f) => f.rule);

  it.each<[string, string, Rule[]]>([
    // raw-entities.ts: TypeORM's alias internals and a compiled row constructor.
    ['a deep type import of TypeORM', `import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';`, ['deep-import']],
    ['a deep import of TypeORM', `import { DriverUtils } from 'typeorm/driver/DriverUtils';`, ['deep-import']],
    ['TypeORM type under query-builder', `import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';`, ['deep-import']],
    ['new Function', "const Row = new Function('convert', `return function Row(raw) {}`)(convert);", ['dynamic-code']],
    ['Function()', "const f = Function('a', 'return a');", ['dynamic-code']],
    ['eval', "eval('1 + 1');", ['dynamic-code']],
    ['vm', "import * as vm from 'node:vm';\nvm.runInThisContext('1');\nnew vm.Script('1');", ['dynamic-code', 'dynamic-code']],
    // lean-field-resolvers.ts: type-graphql's metadata storage.
    ['type-graphql metadata storage', `import { getMetadataStorage } from 'type-graphql';\nconst storage = getMetadataStorage();`, ['metadata-storage', 'metadata-storage']],
    ['type-graphql metadata on global', `const storage = (global as any)['TypeGraphQLMetadataStorage'];`, ['metadata-storage']],
    // federation-internals-exports.ts: a dependency's module exports swapped in Node's cache.
    ['require.cache and module.exports', `const module = require.cache[id] as NodeJS.Module;\nmodule.exports = flat;`, ['module-cache', 'module-cache']],
    ["Module's loader internals", `import Module from 'node:module';\n(Module as any)._cache[id] = x;\n(Module as any)._load = load;`, ['module-cache', 'module-cache']],
    ['exports redefined', `Object.defineProperty(mod, 'exports', { value: flat });`, ['module-cache']],
    ['dist of federation-internals', `import { isLeafType } from '@apollo/federation-internals/dist/definitions';`, ['deep-import']],
    ['graphql-js internals', `import { getArgumentValues } from 'graphql/execution/values';`, ['deep-import']],
    ['a required deep path', `const values = require('graphql/execution/values');`, ['deep-import']],
    ['a resolved deep path', `require.resolve('@apollo/gateway/dist/executeQueryPlan');`, ['deep-import']],
    ['a dynamic deep import', `const m = await import('typeorm/driver/DriverUtils');`, ['deep-import']],
    ['a deep import in a type', `let t: import('typeorm/metadata/ColumnMetadata').ColumnMetadata;`, ['deep-import']],
    ['a re-export of a deep path', `export { DriverUtils } from 'typeorm/driver/DriverUtils';`, ['deep-import']],
    ['an import = require of a deep path', `import values = require('graphql/execution/values');`, ['deep-import']],
    ['a jest mock of a deep path', `jest.mock('typeorm/driver/DriverUtils');`, ['deep-import']],
    ["a path under a package's src", `import { x } from 'type-graphql/src/metadata';`, ['deep-import']],
    // jit-executor.ts: graphql-jit behind Apollo Server's gateway interface.
    [
      'graphql-jit behind the gateway interface',
      `import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';\nimport { compileQuery } from 'graphql-jit';\ntype ExecutorGateway = NonNullable<ApolloServerOptionsWithGateway<BaseContext>['gateway']>;`,
      ['apollo-gateway-interface', 'denied-package', 'apollo-gateway-interface'],
    ],
    [
      'an executor of our own as the gateway option',
      `import { ApolloServer } from '@apollo/server';\nnew ApolloServer({ ...(jit ? { gateway: jitExecutorGateway(schema) } : { schema }), csrfPrevention: true });`,
      ['apollo-gateway-interface'],
    ],
  ])('catches %s', (_name, text, expected) => {
    expect(rules(text)).toEqual(expected);
  });

  it.each([
    ['a package root', `import { DataSource } from 'typeorm';`],
    ['a subpath its exports name', `import { unwrapResolverError } from '@apollo/server/errors';\nimport mysql from 'mysql2/promise';`],
    ['Node built-ins', `import * as fs from 'node:fs';\nimport { Writable } from 'stream';`],
    ['our own workspaces and relative paths', `import { seedDemoData } from '@tongxin/platform/dist/demo/seed';\nimport { x } from '../db/keyset';`],
    [
      '@apollo/gateway behind the gateway option',
      `import { ApolloGateway } from '@apollo/gateway';\nimport { ApolloServer } from '@apollo/server';\nnew ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });`,
    ],
    ['words in comments and strings', `// require.cache, new Function(, getMetadataStorage, 'typeorm/driver/DriverUtils'\nconst s = 'eval(x) and module.exports = y';`],
  ])('lets %s be', (_name, text) => {
    expect(rules(text)).toEqual([]);
  });

  it("takes a subpath as public only where the package's exports map names it, not through a wildcard", () => {
    expect(exportsNames({ '.': './index.js', './errors': './errors.js' }, 'errors')).toBe(true);
    expect(exportsNames({ '.': './index.js', './*': './*' }, 'query-builder/QueryPartialEntity')).toBe(false);
    expect(exportsNames({ '.': './index.js', './private': null }, 'private')).toBe(false);
    expect(exportsNames({ import: './index.mjs', require: './index.js' }, 'dist/x')).toBe(false);
    expect(exportsNames(undefined, 'execution/values')).toBe(false);
    expect(exportsNames('./index.js', 'lib/x')).toBe(false);
  });
});
