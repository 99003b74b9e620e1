import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

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
