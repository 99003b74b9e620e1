import { runSubgraphMain } from '@tongxin/common';
import { evaluationSubgraph } from './subgraph';

runSubgraphMain(evaluationSubgraph);
