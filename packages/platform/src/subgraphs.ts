import { activitiesSubgraph } from '@tongxin/activities';
import type { AnySubgraphDefinition } from '@tongxin/common';
import { evaluationSubgraph } from '@tongxin/evaluation';
import { organizationsSubgraph } from '@tongxin/organizations';
import { personsSubgraph } from '@tongxin/persons';

/** The four subgraphs of the supergraph, in the order they start. */
export const SUBGRAPHS: readonly AnySubgraphDefinition[] = [personsSubgraph, organizationsSubgraph, activitiesSubgraph, evaluationSubgraph];
