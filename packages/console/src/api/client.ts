import { accessToken, onUnauthorized } from '../auth/session';

/** A typed document as graphql-codegen's client preset writes it (documentMode: string). */
export interface TypedDocument<TResult, TVariables> {
  toString(): string;
  /** Carried in the type only. */
  readonly __apiType?: (variables: TVariables) => TResult;
}

/** A field the API refused (BAD_USER_INPUT): its path (`input.onTimeRate`) and the API's message. */
export interface ApiFieldError {
  readonly field: string;
  readonly message: string;
}

/** A failed request, with the message people see (Chinese), the API's code when it gave one, and the fields it refused. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly fields: readonly ApiFieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const MESSAGES: Readonly<Record<string, string>> = {
  FORBIDDEN: '没有权限查看这些数据。',
  UNAUTHENTICATED: '登录已过期，请重新登录。',
  BAD_USER_INPUT: '查询条件无效。',
  NOT_FOUND: '没有找到这条记录。',
  CONFLICT: '数据已被他人修改，请刷新后重试。',
  SERVICE_UNAVAILABLE: '服务繁忙，请稍后重试。',
};

/** The Chinese message of an API error code. */
export function messageOf(code: string | null | undefined): string {
  return (code && MESSAGES[code]) || '数据加载失败，请稍后重试。';
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; fields?: ApiFieldError[] } }[];
}

async function post(query: string, variables: unknown, signal?: AbortSignal): Promise<Response> {
  const token = await accessToken();
  return fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal,
  });
}

/**
 * Runs one typed document at /graphql with the viewer's access token. A 401 refreshes the token
 * once and tries again; any error of the answer fails the whole request (pages show one state).
 */
export async function request<TResult, TVariables>(document: TypedDocument<TResult, TVariables>, variables: TVariables, signal?: AbortSignal): Promise<TResult> {
  const query = document.toString();
  let res: Response;
  try {
    res = await post(query, variables, signal);
    if (res.status === 401 && (await onUnauthorized())) res = await post(query, variables, signal);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('无法连接服务器，请检查网络后重试。', null);
  }
  let answer: GraphQLAnswer<TResult>;
  try {
    answer = (await res.json()) as GraphQLAnswer<TResult>;
  } catch {
    throw new ApiError(messageOf(res.status === 503 ? 'SERVICE_UNAVAILABLE' : null), null);
  }
  const first = answer.errors?.[0];
  if (first || !answer.data) {
    const code = first?.extensions?.code ?? (res.status === 401 ? 'UNAUTHENTICATED' : null);
    throw new ApiError(messageOf(code), code, first?.extensions?.fields ?? []);
  }
  return answer.data;
}
