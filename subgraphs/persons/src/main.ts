import { runSubgraphMain } from '@tongxin/common';
import { personsSubgraph } from './subgraph';

runSubgraphMain(personsSubgraph);
