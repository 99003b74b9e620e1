import { Writable } from 'node:stream';
import pino from 'pino';
import { CountingTypeOrmLogger, SqlStatementCounter } from '../src/db/sql-counter';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), text: () => lines.join('') };
}

describe('the SQL logger', () => {
  it('logs a driver error by its code and the statement only, never the values or the error text', () => {
    const { log, text } = capture();
    const logger = new CountingTypeOrmLogger(new SqlStatementCounter(), log, true);
    const error = Object.assign(new Error("Duplicate entry '330302198607211234' for key 'uq_person_id_number'"), {
      code: 'ER_DUP_ENTRY',
      errno: 1062,
      sqlState: '23000',
      sqlMessage: "Duplicate entry '330302198607211234' for key 'uq_person_id_number'",
      sql: "INSERT INTO `person` VALUES ('330302198607211234', '林晓', '13800000000')",
    });
    const query = 'INSERT INTO `person`(`id_number`, `name`, `mobile`) VALUES (?, ?, ?)';
    logger.logQuery(query, ['330302198607211234', '林晓', '13800000000']);
    logger.logQueryError(error, query, ['330302198607211234', '林晓', '13800000000']);
    logger.logQueryError({ driverError: error } as unknown as Error, query, ['330302198607211234']);
    logger.logQueryError("Duplicate entry '330302198607211234'", query, []);
    const out = text();
    expect(out).not.toMatch(/3303021986|林晓|13800000000|Duplicate entry/);
    const errors = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg === 'sql error');
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatchObject({ code: 'ER_DUP_ENTRY', errno: 1062, sqlState: '23000', query, parameters: 3 });
    expect(errors[1]).toMatchObject({ code: 'ER_DUP_ENTRY', errno: 1062, query, parameters: 1 });
    expect(errors[2]).toMatchObject({ query, parameters: 0 });
  });
});
