import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkSource, deniedDependencies, exportsNames, findDependencyInternals, Rule, sourceFiles } from './harness/dependency-internals';

/**
 * Issue 15 §2, ENGINEERING.md "Only public APIs": no import of a dependency's deep or private
 * path, no reading of type-graphql's internal metadata, no rewriting of a module cache or of
 * another package's exports, no code made from strings, and Apollo Server's gateway interface
 * for @apollo/gateway only. Four speed patches once did each of these; the fixtures
 * (test/fixtures/dependency-internals.json) are their own lines, so that the check is known to catch them.
 */

const ROOT = path.resolve(__dirname, '..');

/** The sources the check must catch and must let be: data, not code, so that no scan of our sources takes them for imports. */
const FIXTURES = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/dependency-internals.json'), 'utf8')) as {
  catches: { name: string; text: string; rules: Rule[] }[];
  allows: { name: string; text: string }[];
};

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

  it('depends on no denied package (test/fixtures/dependency-rules.json)', () => {
    expect(deniedDependencies(ROOT)).toEqual([]);
  });
});

describe('the check', () => {
  const rules = (text: string, file = path.join(ROOT, 'packages/common/src/fixture.ts')) => checkSource(file, text).map((f) => f.rule);

  it.each(FIXTURES.catches.map((f) => [f.name, f.text, f.rules] as const))('catches %s', (_name, text, expected) => {
    expect(rules(text)).toEqual(expected);
  });

  it.each(FIXTURES.allows.map((f) => [f.name, f.text] as const))('lets %s be', (_name, text) => {
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
