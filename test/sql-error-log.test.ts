import { Writable } from 'node:stream';
import pino from 'pino';
import { makeIdNumber, randomIds, startSubgraph, systemContext, TransactionalConnection } from '@tongxin/common';
import { PersonEntity, personsSubgraph } from '@tongxin/persons';
import { TEST_AUTH } from './harness/auth';
import { freshDatabase } from './harness/database';

describe('SQL errors in the logs', () => {
  it('name the error code and the statement, never the values of a real unique violation', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const db = freshDatabase();
    const running = await startSubgraph(personsSubgraph, { db: db.config, auth: TEST_AUTH, port: 0, log: pino({ level: 'debug' }, stream) });
    try {
      const idNumber = makeIdNumber('330302', '1979-03-08', 77);
      const ctx = systemContext({ ids: randomIds });
      const [firstId] = await running.services.persons.registerMany(ctx, [{ name: '潘玉洁', idNumber, politicalAffiliation: 'MASSES', category: 'FREELANCER', districtCode: '330302' }] as never);
      const [first] = await running.services.persons.findByIds(ctx, [firstId!]);
      const [row] = await running.services.persons.findByIds(
        ctx,
        await running.services.persons.registerMany(ctx, [
          { name: '潘玉洁', idNumber: makeIdNumber('330302', '1979-03-08', 79), politicalAffiliation: 'MASSES', category: 'FREELANCER', districtCode: '330302' },
        ] as never),
      );
      // Straight to the table, past the service's own check: the database refuses it.
      const conn = new TransactionalConnection(running.dataSource);
      await expect(conn.transaction(ctx, (tx) => conn.repo(tx, PersonEntity).update({ id: row!.id }, { idNumberHash: first!.idNumberHash, mobileMasked: '139******78' }))).rejects.toThrow();
      expect(lines.join('')).not.toMatch(new RegExp(`${idNumber}|${first!.idNumberHash}|139\\*\\*\\*\\*5678|潘玉洁|Duplicate entry|UNIQUE constraint`));
      const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'sql error');
      expect(errors).toHaveLength(1);
      expect(errors[0].code ?? errors[0].errno).toBeDefined();
      expect(errors[0].query).toMatch(/UPDATE/);
    } finally {
      await running.stop();
      await db.drop([personsSubgraph.subgraph]);
    }
  });
});
