import { composeServices } from '@apollo/composition';
import {
  ASTNode,
  buildASTSchema,
  ConstDirectiveNode,
  ConstValueNode,
  DefinitionNode,
  DocumentNode,
  isTypeDefinitionNode,
  Kind,
  NamedTypeNode,
  parse,
  printSchema,
  specifiedDirectives,
  TypeNode,
  visit,
} from 'graphql';

export interface SubgraphSdl {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
}

export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Composition failed:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/**
 * Composes the subgraphs' SDL into the supergraph the gateway loads, in process (no rover, no
 * running services). Hints count as problems: the committed supergraph composes cleanly.
 */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors?.length || !result.supergraphSdl) throw new CompositionError((result.errors ?? []).map((e) => e.message));
  const hints = result.hints ?? [];
  if (hints.length) throw new CompositionError(hints.map((h) => `hint: ${h.toString()}`));
  return `${result.supergraphSdl.trimEnd()}\n`;
}

/**
 * The gateway's public API: the supergraph without its @inaccessible elements and join
 * directives, as clients see it (the console's typed documents are generated from it). Made with
 * graphql-js alone: the supergraph's `@link`s name the features whose types and directives go
 * (`join__*`, `link__*`, `@inaccessible`, under their `as` names and imports), and an element
 * marked with the inaccessible feature's directive goes with every field, argument and member
 * that names it.
 */
export function apiSchemaOf(supergraphSdl: string): string {
  const document = parse(supergraphSdl);
  const features = linkedFeatures(document);
  const inaccessible = features.inaccessibleDirective;
  const marked = (node: { readonly directives?: readonly ConstDirectiveNode[] }) => node.directives?.some((d) => d.name.value === inaccessible) ?? false;
  const featureType = (name: string) => features.prefixes.some((p) => name.startsWith(p)) || features.types.has(name);
  const hiddenTypes = new Set(document.definitions.filter((d) => isTypeDefinitionNode(d) && (marked(d) || featureType(d.name.value))).map((d) => (d as { name: { value: string } }).name.value));
  const hidesType = (type: TypeNode): boolean => (type.kind === Kind.NAMED_TYPE ? hiddenTypes.has(type.name.value) : hidesType(type.type));
  const shownNames = (names: readonly NamedTypeNode[] | undefined) => names?.filter((n) => !hiddenTypes.has(n.name.value));
  const builtIn = new Set(specifiedDirectives.map((d) => d.name));
  const featureDirective = (name: string) => !builtIn.has(name) && (features.prefixes.some((p) => name.startsWith(p)) || features.directives.has(name));

  const api = visit(document, {
    enter(node: ASTNode) {
      switch (node.kind) {
        case Kind.SCHEMA_DEFINITION:
        case Kind.SCHEMA_EXTENSION:
          return { ...node, directives: node.directives?.filter((d) => !featureDirective(d.name.value)) };
        case Kind.DIRECTIVE_DEFINITION:
          return featureDirective(node.name.value) ? null : undefined;
        case Kind.DIRECTIVE:
          return featureDirective(node.name.value) ? null : undefined;
        case Kind.FIELD_DEFINITION:
        case Kind.INPUT_VALUE_DEFINITION:
          return marked(node) || hidesType(node.type) ? null : undefined;
        case Kind.ENUM_VALUE_DEFINITION:
          return marked(node) ? null : undefined;
        case Kind.OBJECT_TYPE_DEFINITION:
        case Kind.OBJECT_TYPE_EXTENSION:
        case Kind.INTERFACE_TYPE_DEFINITION:
        case Kind.INTERFACE_TYPE_EXTENSION:
          return hiddenTypes.has(node.name.value) ? null : { ...node, interfaces: shownNames(node.interfaces) };
        case Kind.UNION_TYPE_DEFINITION:
        case Kind.UNION_TYPE_EXTENSION:
          return hiddenTypes.has(node.name.value) ? null : { ...node, types: shownNames(node.types) };
        case Kind.ENUM_TYPE_DEFINITION:
        case Kind.ENUM_TYPE_EXTENSION:
        case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        case Kind.SCALAR_TYPE_DEFINITION:
        case Kind.SCALAR_TYPE_EXTENSION:
          return hiddenTypes.has(node.name.value) ? null : undefined;
        default:
          return undefined;
      }
    },
  }) as DocumentNode;
  return `${printSchema(buildASTSchema(api)).trimEnd()}\n`;
}

/** What the supergraph's `@link`s bring in: the prefixes (`join__`), imported names and the inaccessible directive's name. */
interface LinkedFeatures {
  readonly prefixes: string[];
  readonly directives: Set<string>;
  readonly types: Set<string>;
  readonly inaccessibleDirective: string;
}

const LINK_IDENTITY = 'https://specs.apollo.dev/link';
const INACCESSIBLE_IDENTITY = 'https://specs.apollo.dev/inaccessible';

function linkedFeatures(document: DocumentNode): LinkedFeatures {
  const schemaDirectives = document.definitions.filter((d: DefinitionNode) => d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.SCHEMA_EXTENSION).flatMap((d) => d.directives ?? []);
  const argument = (directive: ConstDirectiveNode, name: string): ConstValueNode | undefined => directive.arguments?.find((a) => a.name.value === name)?.value;
  const stringOf = (value: ConstValueNode | undefined) => (value?.kind === Kind.STRING ? value.value : undefined);
  // The link spec links itself (`@link(url: "https://specs.apollo.dev/link/v1.0")`), possibly under another name.
  const urlOf = (directive: ConstDirectiveNode) => stringOf(argument(directive, 'url'));
  const identityOf = (url: string) => url.replace(/\/v\d+\.\d+\/?$/, '');
  const selfLink = schemaDirectives.find((d) => urlOf(d) !== undefined && identityOf(urlOf(d)!) === LINK_IDENTITY);
  const linkName = selfLink?.name.value ?? 'link';
  const features: LinkedFeatures = { prefixes: [], directives: new Set(), types: new Set(), inaccessibleDirective: 'inaccessible' };
  let inaccessibleDirective = 'inaccessible';
  for (const link of schemaDirectives.filter((d) => d.name.value === linkName)) {
    const url = urlOf(link);
    if (url === undefined) continue;
    const identity = identityOf(url);
    const name = stringOf(argument(link, 'as')) ?? identity.slice(identity.lastIndexOf('/') + 1);
    features.prefixes.push(`${name}__`);
    // A feature's own directive bears its name (`@inaccessible`, `@link`).
    features.directives.add(name);
    if (identity === INACCESSIBLE_IDENTITY) inaccessibleDirective = name;
    const imports = argument(link, 'import');
    for (const item of imports?.kind === Kind.LIST ? imports.values : []) {
      const imported =
        item.kind === Kind.STRING
          ? { name: item.value, as: item.value }
          : item.kind === Kind.OBJECT
            ? {
                name: stringOf(item.fields.find((f) => f.name.value === 'name')?.value),
                as: stringOf(item.fields.find((f) => f.name.value === 'as')?.value) ?? stringOf(item.fields.find((f) => f.name.value === 'name')?.value),
              }
            : undefined;
      if (!imported?.as) continue;
      if (imported.as.startsWith('@')) {
        features.directives.add(imported.as.slice(1));
        if (identity === INACCESSIBLE_IDENTITY && imported.name === '@inaccessible') inaccessibleDirective = imported.as.slice(1);
      } else {
        features.types.add(imported.as);
      }
    }
  }
  features.directives.add(linkName);
  return { ...features, inaccessibleDirective };
}
