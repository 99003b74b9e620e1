/**
 * The compiled gateway reads @apollo/federation-internals through a plain object instead of the
 * package's getters (gateway/src/federation-internals-exports.ts): checked in a Node process of
 * its own, loading the modules as gateway/dist/main.js does (jest has a module system of its
 * own, where nothing is swapped), before and after the gateway has planned and shaped answers.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

const SCRIPT = `
const path = require('node:path');
const fs = require('node:fs');
const root = process.argv[1];
const common = require(path.join(root, 'packages/common/dist/index.js'));
const { createGateway } = require(path.join(root, 'gateway/dist/index.js'));
const swap = require(path.join(root, 'gateway/dist/federation-internals-exports.js'));
const fiPath = require.resolve('@apollo/federation-internals', { paths: [require.resolve('@apollo/gateway', { paths: [path.join(root, 'gateway')] })] });
const report = { flattened: swap.federationInternalsFlattened, differBefore: swap.flattenedExportsDiffer() };
const descriptor = Object.getOwnPropertyDescriptor(require.cache[fiPath].exports, 'isLeafType');
report.plainValue = typeof descriptor.value === 'function' && descriptor.get === undefined;
(async () => {
  const gateway = await createGateway({
    supergraphSdl: fs.readFileSync(path.join(root, 'gateway/supergraph.graphql'), 'utf8'),
    log: common.createLogger('gateway', 'silent'),
    auth: common.hs256Config('x'.repeat(48)),
  });
  const res = await gateway.apollo.executeOperation({ query: '{ __typename a: __typename }' }, { contextValue: { requestId: 'r', authorization: undefined } });
  report.answer = res.body.singleResult.data;
  report.differAfter = swap.flattenedExportsDiffer();
  await gateway.stop();
  process.stdout.write(JSON.stringify(report));
})().catch((e) => { console.error(e); process.exit(1); });
`;

it('the compiled gateway reads plain values, equal to what the getters return, before and after it answers', () => {
  const out = execFileSync(process.execPath, ['-e', SCRIPT, ROOT], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  expect(JSON.parse(out)).toEqual({ flattened: true, differBefore: [], plainValue: true, answer: { __typename: 'Query', a: 'Query' }, differAfter: [] });
});
