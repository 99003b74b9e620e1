import type { Adapter, AdapterPayload } from 'oidc-provider';
import { Column, DataSource, Entity, Index, LessThan, PrimaryColumn, Repository } from 'typeorm';

/**
 * What oidc-provider keeps between requests (sessions, interactions, grants, authorization
 * codes, refresh tokens), one row per model and id, in the identity's own database: a restart
 * signs nobody out, and a revoked grant takes its tokens with it.
 */
@Entity({ name: 'oidc_model' })
@Index('idx_oidc_model_grant', ['grantId'])
@Index('idx_oidc_model_uid', ['kind', 'uid'])
@Index('idx_oidc_model_expires', ['expiresAt'])
export class OidcModelEntity {
  /** The model: Session, Interaction, Grant, AuthorizationCode, RefreshToken, … */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  kind!: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  id!: string;

  /** The model's payload as JSON. */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ name: 'grant_id', type: 'varchar', length: 128, nullable: true })
  grantId!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  uid!: string | null;

  @Column({ name: 'expires_at', type: 'datetime', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'consumed_at', type: 'datetime', nullable: true })
  consumedAt!: Date | null;
}

/** How often expired rows are deleted (at most; on a write). */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

/** oidc-provider's storage interface (its documented `adapter`) over the `oidc_model` table. */
export class DatabaseAdapter implements Adapter {
  constructor(
    private readonly kind: string,
    private readonly repo: Repository<OidcModelEntity>,
    private readonly sweeper: { lastSweep: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** A factory for oidc-provider's `adapter` option: one adapter per model, all over `dataSource`. */
  static factory(dataSource: DataSource, now: () => number = Date.now): (name: string) => DatabaseAdapter {
    const repo = dataSource.getRepository(OidcModelEntity);
    const sweeper = { lastSweep: now() };
    return (name) => new DatabaseAdapter(name, repo, sweeper, now);
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const now = this.now();
    await this.repo.upsert(
      {
        kind: this.kind,
        id,
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        expiresAt: expiresIn ? new Date(now + expiresIn * 1000) : null,
      },
      ['kind', 'id'],
    );
    if (now - this.sweeper.lastSweep > SWEEP_INTERVAL_MS) {
      this.sweeper.lastSweep = now;
      await this.repo.delete({ expiresAt: LessThan(new Date(now)) });
    }
  }

  private payloadOf(row: OidcModelEntity | null): AdapterPayload | undefined {
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= this.now())) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.payloadOf(await this.repo.findOneBy({ kind: this.kind, id }));
  }

  /** Only the device flow looks models up by user code, and it is off. */
  async findByUserCode(): Promise<AdapterPayload | undefined> {
    return undefined;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.payloadOf(await this.repo.findOneBy({ kind: this.kind, uid }));
  }

  async consume(id: string): Promise<void> {
    await this.repo.update({ kind: this.kind, id }, { consumedAt: new Date(this.now()) });
  }

  async destroy(id: string): Promise<void> {
    await this.repo.delete({ kind: this.kind, id });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.repo.delete({ grantId });
  }
}
