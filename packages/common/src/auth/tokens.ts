import { createRemoteJWKSet, decodeJwt, errors, importSPKI, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { Role, Viewer } from '../context';
import { UnauthenticatedError } from '../errors';
import { isCountyLevelCode } from '../regions/districts';
import { isId } from '../validation/input-checker';
import { AuthConfig, claimConfigOf, formatDuration, maxTokenLifetime, parseDuration } from './auth-config';
import { ClaimConfig, claimsPayload, claimValue, platformRolesOf } from './claims';

/**
 * What a Tongxin token carries besides the standard claims, by meaning: in a token they stand under
 * the configured names (`ClaimConfig`, TONGXIN_CLAIM_*), `role`, `district`, `org`, `person` by default.
 */
export interface TokenClaims {
  readonly sub: string;
  readonly role: Role;
  /** DISTRICT_ADMIN: the GB/T 2260 code of their district. */
  readonly district?: string;
  /** ASSOCIATION_ADMIN: the id of their organization. */
  readonly org?: string;
  /** PERSON: their own id in the register. */
  readonly person?: string;
  readonly name?: string;
}

type KeyInput = Parameters<typeof jwtVerify>[1];

/** Tokens verified lately, remembered for their lifetime but at most REMEMBER_TOKEN_SECONDS (see TokenVerifier). */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * How long a verified token is taken without verifying it again: 10 minutes, jose's own cache of
 * an identity provider's keys (JWKS), so that a key withdrawn there stops working as soon as it
 * did before tokens were remembered.
 */
export const REMEMBER_TOKEN_SECONDS = 600;

/** How far in the future a token's `iat` may lie (the clocks of the identity provider and ours differ a little). */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * The longest `sub` taken: the audit log's `subject` column (`AuditEventEntity`), so that every
 * caller's events name them whole.
 */
export const MAX_SUBJECT_LENGTH = 100;

/** The issuer of service tokens (signed with the service calls' own key, never an identity provider's). */
export const SERVICE_TOKEN_ISSUER = 'tongxin-service';

/**
 * Verifies bearer tokens: signature (only the configured algorithm: an unsigned `alg: none`
 * token or an HS256 token against an RS256 key is refused), expiry, issuer, audience, and that
 * the role carries the scope it needs. Every failure is UNAUTHENTICATED with a plain reason.
 *
 * Claims every token must carry: `sub` (a non-empty string of at most MAX_SUBJECT_LENGTH
 * characters), `exp` and `iat`, with a lifetime `exp - iat` of at most the configured maximum
 * (TONGXIN_JWT_MAX_LIFETIME, 24 h) and `iat` not more than CLOCK_SKEW_SECONDS in the future. A
 * token without `iat` is refused: its lifetime could not be known.
 *
 * Two keys: a token with role SERVICE is verified with the service calls' own HS256 key
 * (`serviceSecret`, issuer SERVICE_TOKEN_ISSUER) and nothing else; every other token with the
 * users' key. So a user's key (or identity provider) cannot sign a service token, and the service
 * key cannot sign a user's. Where there is no service key (the gateway), service tokens are refused.
 *
 * A token that passed is remembered (the exact string, up to `cacheSize` of them, least recently
 * used forgotten first) with its viewer until it expires, or for 10 minutes at most: a client sends the same token with every
 * request, and the gateway and every subgraph verify it, where one WebCrypto HMAC verification
 * cost a third of a millisecond of CPU. Only exact strings that passed every check are
 * remembered, so a changed byte is verified afresh; the expiry is checked again on every use.
 */
export class TokenVerifier {
  private readonly algorithm: 'HS256' | 'RS256';
  private keyPromise: Promise<KeyInput> | undefined;
  private readonly verified = new Map<string, { readonly viewer: Viewer; readonly expiresAt: number }>();

  constructor(
    private readonly config: AuthConfig,
    private readonly cacheSize = VERIFIED_TOKEN_CACHE_SIZE,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.algorithm = config.kind === 'hs256' ? 'HS256' : 'RS256';
  }

  private key(): Promise<KeyInput> {
    this.keyPromise ??= (async (): Promise<KeyInput> => {
      const c = this.config;
      if (c.kind === 'hs256') return c.secret;
      if (c.kind === 'rs256-pem') return importSPKI(c.publicKeyPem, 'RS256');
      return createRemoteJWKSet(new URL(c.jwksUrl)) as unknown as KeyInput;
    })();
    return this.keyPromise;
  }

  /** The viewer of an `Authorization` header value. */
  async verify(authorization: string | undefined): Promise<Viewer> {
    if (!authorization) throw new UnauthenticatedError('Sign in first: send your token as "Authorization: Bearer <token>".');
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
    const token = match[1]!;
    const known = this.verified.get(token);
    if (known) {
      this.verified.delete(token);
      // jose's rule: expired once exp <= now.
      if (known.expiresAt > this.nowSeconds()) {
        this.verified.set(token, known);
        return known.viewer;
      }
    }
    // Which key verifies it depends on the role it claims: read unverified, only to choose the key.
    let claimed: JWTPayload;
    try {
      claimed = decodeJwt(token);
    } catch {
      throw new UnauthenticatedError('The token is malformed.');
    }
    const service = claimed.role === SERVICE_ROLE;
    if (service && !this.config.serviceSecret) throw new UnauthenticatedError('A service token cannot be used here: sign in as a user.');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, service ? this.config.serviceSecret! : await this.key(), {
        algorithms: service ? ['HS256'] : [this.algorithm],
        issuer: service ? SERVICE_TOKEN_ISSUER : this.config.issuer,
        audience: this.config.audience,
        requiredClaims: ['sub', 'exp'],
        currentDate: new Date(this.nowSeconds() * 1000),
      }));
    } catch (error) {
      if (service && error instanceof errors.JWSSignatureVerificationFailed) {
        throw new UnauthenticatedError('A service token must be signed with the key of service calls (TONGXIN_SERVICE_SECRET).');
      }
      throw new UnauthenticatedError(reasonOf(error));
    }
    checkStandardClaims(payload, maxTokenLifetime(this.config), this.nowSeconds());
    const viewer = Object.freeze(viewerOf(payload, claimConfigOf(this.config)));
    if (this.cacheSize > 0) {
      if (this.verified.size >= this.cacheSize) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { viewer, expiresAt: Math.min(payload.exp!, this.nowSeconds() + REMEMBER_TOKEN_SECONDS) });
    }
    return viewer;
  }

  /** How many verified tokens are remembered (for tests). */
  get remembered(): number {
    return this.verified.size;
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired: sign in again.';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The token is signed with an algorithm this platform does not accept.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is not valid.';
  if (error instanceof errors.JWTClaimValidationFailed) return `The token is not valid here: its ${error.claim} claim is wrong or missing.`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token was signed with a key this platform does not know.';
  return 'The token is malformed.';
}

/**
 * The claims jose does not check as this platform needs: `sub` is a name the audit log can hold,
 * `iat` is there, not in the future, and the lifetime is within the maximum.
 */
function checkStandardClaims(payload: JWTPayload, maxLifetime: number, now: number): void {
  const sub: unknown = payload.sub;
  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > MAX_SUBJECT_LENGTH) {
    throw new UnauthenticatedError(`The token's subject (claim "sub") must be a name of 1 to ${MAX_SUBJECT_LENGTH} characters.`);
  }
  // jose has checked that iat, when present, is a number.
  if (payload.iat === undefined) throw new UnauthenticatedError('The token must say when it was issued (claim "iat"): ask for a new one.');
  if (payload.iat > now + CLOCK_SKEW_SECONDS) throw new UnauthenticatedError('The token claims to be issued in the future (claim "iat"): check the clock of whoever issued it.');
  if (payload.exp! - payload.iat > maxLifetime) {
    throw new UnauthenticatedError(`The token lives longer than this platform allows (at most ${formatDuration(maxLifetime)} from "iat" to "exp"): ask for a shorter-lived one.`);
  }
}

/** The role claim of a token that another subgraph uses for internal calls (never a client's). */
export const SERVICE_ROLE = 'SERVICE';

/**
 * The viewer of a verified payload. A service token's `role` and `svc` are fixed; a user's role and
 * scope are read from the configured claims (`claims.names`), the role claim a string or an array
 * holding exactly one platform role.
 */
export function viewerOf(payload: JWTPayload, claims: ClaimConfig): Viewer {
  if (payload.role === SERVICE_ROLE) {
    const svc = payload.svc;
    if (typeof svc !== 'string' || !/^[a-z][a-z-]{1,30}$/.test(svc)) throw new UnauthenticatedError('A service token must name its service (claim "svc").');
    return { subject: payload.sub!, system: false, role: null, districtCode: null, organizationId: null, personId: null, service: svc };
  }
  const { names } = claims;
  const roles = platformRolesOf(claimValue(payload, names.role), claims.roleValues);
  if (roles.length === 0) throw new UnauthenticatedError(`The token names no role of this platform (claim "${names.role}").`);
  if (roles.length > 1) {
    throw new UnauthenticatedError(`The token names more than one role of this platform (claim "${names.role}": ${roles.join(', ')}): an account holds exactly one.`);
  }
  const role = roles[0]!;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const viewer: Viewer = {
    subject: payload.sub!,
    system: false,
    role,
    districtCode: str(claimValue(payload, names.district)),
    organizationId: str(claimValue(payload, names.org)),
    personId: str(claimValue(payload, names.person)),
  };
  if (role === Role.DISTRICT_ADMIN && !(viewer.districtCode && isCountyLevelCode(viewer.districtCode))) {
    throw new UnauthenticatedError(`A district administrator token must name one of the 12 districts (claim "${names.district}").`);
  }
  if (role === Role.ASSOCIATION_ADMIN && !(viewer.organizationId && isId(viewer.organizationId))) {
    throw new UnauthenticatedError(`An association administrator token must name an organization id (claim "${names.org}").`);
  }
  if (role === Role.PERSON && !(viewer.personId && isId(viewer.personId))) {
    throw new UnauthenticatedError(`A person token must name the person's id (claim "${names.person}").`);
  }
  return viewer;
}

/**
 * Signs a short-lived service token for a subgraph's internal calls with the service calls' own
 * HS256 key (`serviceSecret`), whatever the users' key is.
 */
export async function mintServiceToken(config: AuthConfig, service: string, expiresIn: string | number = '5m'): Promise<string> {
  if (!config.serviceSecret) throw new Error('Service tokens can be minted only with the key of service calls (TONGXIN_SERVICE_SECRET)');
  const { iat, exp } = lifetimeOf(expiresIn);
  return new SignJWT({ role: SERVICE_ROLE, svc: service })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(`service:${service}`)
    .setIssuer(SERVICE_TOKEN_ISSUER)
    .setAudience(config.audience)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(config.serviceSecret);
}

/**
 * `iat` and `exp` of a token minted now: `expiresIn` is a lifetime (`12h`, `90m`, `3600`, as
 * `parseDuration` reads it) counted from the same second as `iat`, so that `exp - iat` is exactly
 * it, or an absolute time in seconds (a number), or another of jose's relative forms.
 */
function lifetimeOf(expiresIn: string | number, iat: number = Math.floor(Date.now() / 1000)): { iat: number; exp: number | string } {
  const seconds = typeof expiresIn === 'string' ? parseDuration(expiresIn) : null;
  return { iat, exp: seconds === null ? expiresIn : iat + seconds };
}

/**
 * Signs a token with the embedded default's HS256 secret (local use, tests), issued at `issuedAt`
 * (seconds, default now), its role and scope under the configured claim names. Deployments with RS256 get their tokens from their identity provider.
 */
export async function mintToken(config: AuthConfig, claims: TokenClaims, expiresIn: string | number = '12h', issuedAt?: number): Promise<string> {
  if (config.kind !== 'hs256') throw new Error('Tokens can be minted here only with a TONGXIN_JWT_SECRET (HS256) configuration');
  const { sub, role, district, org, person, ...rest } = claims;
  const { iat, exp } = lifetimeOf(expiresIn, issuedAt);
  return new SignJWT({ ...rest, ...claimsPayload(claimConfigOf(config), { role, district, org, person }) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(config.secret);
}
