import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * Finds uses of our dependencies' private internals in our sources (issue 15 §2; ENGINEERING.md
 * "Only public APIs"): what test/dependency-internals.test.ts forbids. The sources are parsed with
 * the TypeScript compiler, so comments and strings never count, and every import form does:
 * `import`, `export … from`, `import x = require()`, `require()`, `require.resolve()`, `import()`,
 * `import('x').T` in types and jest's `mock`/`requireActual`.
 */

export type Rule =
  /** A path inside a dependency that its package.json `exports` does not name. */
  | 'deep-import'
  /** A dependency we have decided not to use (see DENIED_PACKAGES). */
  | 'denied-package'
  /** type-graphql's internal metadata storage. */
  | 'metadata-storage'
  /** Node's module cache or loader, or another module's `exports`, read or rewritten. */
  | 'module-cache'
  /** Code made from strings: `new Function`, `Function()`, `eval`, `vm`'s run functions. */
  | 'dynamic-code'
  /** Apollo Server's gateway interface used for anything but @apollo/gateway's ApolloGateway. */
  | 'apollo-gateway-interface';

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly rule: Rule;
  readonly text: string;
}

/** The names the checks look for, kept as data (test/fixtures/dependency-rules.json). */
const RULES = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/dependency-rules.json'), 'utf8')) as {
  deniedPackages: Record<string, string>;
  metadataStorageNames: string[];
};

/** Packages not to depend on, and why. */
export const DENIED_PACKAGES: Readonly<Record<string, string>> = RULES.deniedPackages;

/** type-graphql's metadata storage, by the names it is reached through. */
const METADATA_STORAGE = new Set(RULES.metadataStorageNames);

/** Our own workspaces: their paths are ours to choose. */
const WORKSPACE_SCOPE = '@tongxin/';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The package name and the path inside it of a bare module specifier (`@scope/name/sub` → `@scope/name`, `sub`). */
export function splitSpecifier(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const size = specifier.startsWith('@') ? 2 : 1;
  return { name: parts.slice(0, size).join('/'), subpath: parts.slice(size).join('/') };
}

/**
 * Whether `exports` names `./subpath` itself, with a target: a wildcard (`./*`, as typeorm's map
 * has) or a folder mapping exports everything and so says nothing about what is public, and a
 * package without an `exports` map makes no path public but its main entry.
 */
export function exportsNames(exportsField: unknown, subpath: string): boolean {
  if (exportsField === null || typeof exportsField !== 'object' || Array.isArray(exportsField)) return false;
  const keys = Object.keys(exportsField as object);
  if (!keys.some((k) => k.startsWith('.'))) return false;
  const key = `./${subpath}`;
  return keys.includes(key) && !key.includes('*') && !key.endsWith('/') && (exportsField as Record<string, unknown>)[key] !== null;
}

/** The package.json of a dependency as Node would find it from `fromDir` (node_modules upwards), or null. */
function packageJsonOf(name: string, fromDir: string): { exports?: unknown } | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(candidate)) return JSON.parse(fs.readFileSync(candidate, 'utf8')) as { exports?: unknown };
    if (path.dirname(dir) === dir) return null;
  }
}

export type PackageLookup = (name: string, fromDir: string) => { exports?: unknown } | null;

/**
 * Subpaths of packages without an `exports` map that their own documentation names as the way to
 * use them (each with the page): the console's Chinese locales. Nothing else of those packages.
 */
export const DOCUMENTED_SUBPATHS: Readonly<Record<string, string>> = {
  'antd/locale/zh_CN': 'https://ant.design/docs/react/i18n',
  'dayjs/locale/zh-cn': 'https://day.js.org/docs/en/i18n/loading-into-browser',
};

const GATEWAY_INTERFACE_TYPES = new Set(['ApolloServerOptionsWithGateway', 'GatewayInterface', 'GatewayExecutor', 'GatewayLoadResult']);
const LOADER_INTERNALS = new Set(['_cache', '_load', '_resolveFilename', '_extensions', '_pathCache', '_compile']);
const VM_RUNNERS = new Set(['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']);

/** The findings of one source text. */
export function checkSource(file: string, text: string, lookup: PackageLookup = packageJsonOf): Finding[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const findings: Finding[] = [];
  const report = (node: ts.Node, rule: Rule) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    findings.push({ file, line, rule, text: node.getText(source).split('\n')[0]!.slice(0, 160) });
  };
  const importsApolloGateway = source.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      s.moduleSpecifier.text === '@apollo/gateway' &&
      s.importClause?.namedBindings !== undefined &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((e) => (e.propertyName ?? e.name).text === 'ApolloGateway'),
  );

  const checkSpecifier = (node: ts.Node, specifier: string) => {
    if (specifier.startsWith('.') || specifier.startsWith('/') || BUILTINS.has(specifier) || specifier.startsWith(WORKSPACE_SCOPE)) return;
    const { name, subpath } = splitSpecifier(specifier);
    if (BUILTINS.has(name)) return;
    if (DENIED_PACKAGES[name] !== undefined) report(node, 'denied-package');
    if (!subpath) return;
    const pkg = lookup(name, path.dirname(file));
    if (pkg && pkg.exports === undefined && DOCUMENTED_SUBPATHS[specifier] !== undefined) return;
    if (!pkg || !exportsNames(pkg.exports, subpath)) report(node, 'deep-import');
  };
  const firstString = (args: ts.NodeArray<ts.Expression>): string | undefined => {
    const first = args[0];
    return first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) ? first.text : undefined;
  };
  const isRequireCall = (callee: ts.Expression): boolean => {
    if (ts.isIdentifier(callee)) return callee.text === 'require';
    if (ts.isPropertyAccessExpression(callee)) {
      const target = callee.expression.getText(source);
      const member = callee.name.text;
      return (target === 'require' && member === 'resolve') || (target === 'jest' && ['mock', 'requireActual', 'doMock', 'unmock', 'requireMock'].includes(member));
    }
    return false;
  };
  const isApolloServer = (expression: ts.Expression) => ts.isIdentifier(expression) && expression.text === 'ApolloServer';

  const visit = (node: ts.Node): void => {
    // Module specifiers in every form.
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      checkSpecifier(node, node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      checkSpecifier(node, node.moduleReference.expression.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      checkSpecifier(node, node.argument.literal.text);
    } else if (ts.isCallExpression(node)) {
      const specifier = firstString(node.arguments);
      if (specifier !== undefined && (node.expression.kind === ts.SyntaxKind.ImportKeyword || isRequireCall(node.expression))) checkSpecifier(node, specifier);
      // eval(…), Function(…), vm.runInThisContext(…) …
      const callee = node.expression;
      if (ts.isIdentifier(callee) && (callee.text === 'eval' || callee.text === 'Function')) report(node, 'dynamic-code');
      if (ts.isPropertyAccessExpression(callee) && VM_RUNNERS.has(callee.name.text)) report(node, 'dynamic-code');
      // Object.defineProperty(x, 'exports', …): another module's exports replaced.
      if (callee.getText(source) === 'Object.defineProperty' && node.arguments[1] && ts.isStringLiteral(node.arguments[1]) && node.arguments[1].text === 'exports') {
        report(node, 'module-cache');
      }
    }
    if (ts.isNewExpression(node)) {
      if (ts.isIdentifier(node.expression) && node.expression.text === 'Function') report(node, 'dynamic-code');
      if (ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'Script') report(node, 'dynamic-code');
      // Apollo Server's gateway option: only for @apollo/gateway's ApolloGateway.
      const options = node.arguments?.[0];
      if (isApolloServer(node.expression) && options && !importsApolloGateway) {
        // Wherever it is written in the options: directly, or in a spread object (`...(jit ? { gateway } : { schema })`).
        const gatewayOption = (inner: ts.Node): void => {
          if ((ts.isPropertyAssignment(inner) || ts.isShorthandPropertyAssignment(inner)) && ts.isIdentifier(inner.name) && inner.name.text === 'gateway') {
            report(inner, 'apollo-gateway-interface');
          }
          ts.forEachChild(inner, gatewayOption);
        };
        gatewayOption(options);
      }
    }
    // type-graphql's metadata storage, however it is reached.
    if (ts.isIdentifier(node) && METADATA_STORAGE.has(node.text)) report(node, 'metadata-storage');
    if (ts.isStringLiteral(node) && METADATA_STORAGE.has(node.text) && ts.isElementAccessExpression(node.parent)) {
      report(node, 'metadata-storage');
    }
    // Apollo Server's gateway interface named as a type (an executor of our own behind it).
    if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) {
      const name = ts.isTypeReferenceNode(node) ? node.typeName.getText(source) : node.expression.getText(source);
      if (GATEWAY_INTERFACE_TYPES.has(name.split('.').pop()!)) report(node, 'apollo-gateway-interface');
    }
    if (ts.isImportSpecifier(node) && GATEWAY_INTERFACE_TYPES.has((node.propertyName ?? node.name).text)) report(node, 'apollo-gateway-interface');
    // The module cache and loader: require.cache, Module._cache, Module._load …
    if (ts.isPropertyAccessExpression(node)) {
      const member = node.name.text;
      if ((member === 'cache' && node.expression.getText(source) === 'require') || LOADER_INTERNALS.has(member)) report(node, 'module-cache');
    }
    if (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression) && LOADER_INTERNALS.has(node.argumentExpression.text)) report(node, 'module-cache');
    // `something.exports = …`: a module's exports swapped (our sources are ES modules and never assign their own).
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = node.left;
      if (
        (ts.isPropertyAccessExpression(left) && left.name.text === 'exports') ||
        (ts.isElementAccessExpression(left) && ts.isStringLiteral(left.argumentExpression) && left.argumentExpression.text === 'exports')
      ) {
        report(node, 'module-cache');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

/** Where our sources are (issue 15: packages/*\/src, subgraphs/*\/src, gateway/src, bench, test), and the tests beside them. */
export function sourceFiles(root: string): string[] {
  const roots = [
    ...['packages', 'subgraphs'].flatMap((group) =>
      fs.existsSync(path.join(root, group)) ? fs.readdirSync(path.join(root, group)).flatMap((name) => ['src', 'test'].map((sub) => path.join(root, group, name, sub))) : [],
    ),
    path.join(root, 'gateway', 'src'),
    path.join(root, 'gateway', 'test'),
    path.join(root, 'bench'),
    path.join(root, 'test'),
  ];
  const skip = new Set(['node_modules', 'dist', '.data', 'results', 'coverage']);
  const files: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) walk(path.join(dir, entry.name));
      } else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files.push(path.join(dir, entry.name));
      }
    }
  };
  roots.forEach(walk);
  return files.sort();
}

/** Every finding in our sources under `root`, files named relative to it. */
export function findDependencyInternals(root: string): Finding[] {
  return sourceFiles(root).flatMap((file) => checkSource(file, fs.readFileSync(file, 'utf8')).map((f) => ({ ...f, file: path.relative(root, f.file) })));
}

/** The denied packages any workspace's package.json depends on. */
export function deniedDependencies(root: string): Array<{ manifest: string; name: string }> {
  const manifests = [
    'package.json',
    ...['packages', 'subgraphs'].flatMap((g) => fs.readdirSync(path.join(root, g)).map((n) => path.join(g, n, 'package.json'))),
    'gateway/package.json',
    'bench/package.json',
  ];
  return manifests
    .filter((m) => fs.existsSync(path.join(root, m)))
    .flatMap((manifest) => {
      const json = JSON.parse(fs.readFileSync(path.join(root, manifest), 'utf8')) as Record<string, Record<string, string> | undefined>;
      const names = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].flatMap((k) => Object.keys(json[k] ?? {}));
      return names.filter((name) => DENIED_PACKAGES[name] !== undefined).map((name) => ({ manifest, name }));
    });
}
