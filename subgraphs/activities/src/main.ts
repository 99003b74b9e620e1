import { runSubgraphMain } from '@tongxin/common';
import { activitiesSubgraph } from './subgraph';

runSubgraphMain(activitiesSubgraph);
