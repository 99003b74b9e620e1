import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse, printSchema } from 'graphql';

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
 * directives, as clients see it (the console's typed documents are generated from it).
 */
export function apiSchemaOf(supergraphSdl: string): string {
  return `${printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema()).trimEnd()}\n`;
}
