import { runSubgraphMain } from '@tongxin/common';
import { organizationsSubgraph } from './subgraph';

runSubgraphMain(organizationsSubgraph);
