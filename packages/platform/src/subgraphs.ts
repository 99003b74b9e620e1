import type { SubgraphDefinition } from '@tongxin/common';
import { personsSubgraph } from '@tongxin/persons';

/** The four subgraphs of the supergraph, in the order they start. */
export const SUBGRAPHS: ReadonlyArray<SubgraphDefinition<unknown, unknown>> = [
  personsSubgraph as SubgraphDefinition<unknown, unknown>,
];
