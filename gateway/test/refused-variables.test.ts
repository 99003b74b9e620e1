import { GraphQLError } from 'graphql';
import { refusedVariables } from '../src/gateway';

/** What RemoteGraphQLDataSource throws for a subgraph's non-2xx answer. */
const answered = (status: number, body: unknown) => new GraphQLError(`${status}: Bad Request`, { extensions: { response: { status, body } } });

describe("a subgraph's 400 for the client's variables", () => {
  const refusal = { message: 'Variable "$input" got invalid value "2026-05-20T09:00:00" at "input.startsAt"; DateTime has no time zone', extensions: { code: 'BAD_USER_INPUT' } };

  it('is passed on as the refusals it holds', () => {
    expect(refusedVariables(answered(400, { errors: [refusal, refusal] }))).toEqual([refusal, refusal]);
  });

  it.each([
    ['another status', answered(500, { errors: [refusal] })],
    ['a body that is not a GraphQL answer', answered(400, '<html>Bad Request</html>')],
    ['no errors', answered(400, { errors: [] })],
    ['an error of another code', answered(400, { errors: [refusal, { message: 'CSRF', extensions: { code: 'BAD_REQUEST' } }] })],
    ['an error without a code', answered(400, { errors: [{ message: 'x' }] })],
    ['not a GraphQLError', new Error('socket hang up')],
  ])('but not %s, which stays an error of the gateway', (_name, error) => {
    expect(refusedVariables(error)).toBeNull();
  });
});
