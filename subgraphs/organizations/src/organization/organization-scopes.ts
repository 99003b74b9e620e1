import { InputChecker, RequestContext, Role, Viewer } from '@tongxin/common';
import type { OrganizationService } from './organization.service';

/** The most organization ids one `organizationScopes` call may ask about. */
export const ORGANIZATION_SCOPES_MAX = 1000;

/** One answer of `organizationScopes`. */
export interface OrganizationScopeRow {
  readonly id: string;
  readonly districtCode: string;
  readonly level: string;
  readonly manageable: boolean;
}

/**
 * May the viewer act for this organization (name it as an activity's organizer, docs/SECURITY.md)?
 * City administrators (and the system) every organization; a district administrator those held
 * by their district, at any level (a city-level body is held by 330300, no district's); an
 * association administrator their own organization only; analysts, persons and service
 * identities none. Whether the organization exists is the caller's question: this answers for one
 * that does.
 */
export function mayManageOrganization(viewer: Viewer, org: { readonly id: string; readonly districtCode: string }): boolean {
  if (viewer.system) return true;
  switch (viewer.role) {
    case Role.CITY_ADMIN:
      return true;
    case Role.DISTRICT_ADMIN:
      return viewer.districtCode !== null && viewer.districtCode === org.districtCode;
    case Role.ASSOCIATION_ADMIN:
      return viewer.organizationId !== null && viewer.organizationId.toLowerCase() === org.id;
    default:
      return false;
  }
}

/**
 * `organizationScopes`, the internal question of the activities subgraph (docs/SECURITY.md,
 * "Internal fields"): of these organization ids, those that exist (in the order asked, each once;
 * unknown ones left out), each with the district that holds it, its level, and whether the caller
 * may manage it (`mayManageOrganization`). Profiles are public, so every role may ask; what
 * differs is `manageable`. Malformed ids, or more than ORGANIZATION_SCOPES_MAX, are BAD_USER_INPUT
 * naming `ids[i]`; the rest is one statement.
 */
export class OrganizationScopes {
  constructor(private readonly organizations: OrganizationService) {}

  async of(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<OrganizationScopeRow[]> {
    const check = new InputChecker('');
    const asked: string[] = [];
    if (ids.length > ORGANIZATION_SCOPES_MAX) {
      check.fail('ids', `holds ${ids.length} ids; at most ${ORGANIZATION_SCOPES_MAX} may be asked about at once`);
    } else {
      ids.forEach((id, i) => {
        const valid = check.id(`ids[${i}]`, id);
        if (valid) asked.push(valid);
      });
    }
    check.throwIfInvalid();
    const unique = [...new Set(asked)];
    const byId = new Map((await this.organizations.findByIds(ctx, unique)).map((o) => [o.id, o]));
    return unique.flatMap((id) => {
      const o = byId.get(id);
      return o ? [{ id: o.id, districtCode: o.districtCode, level: o.level, manageable: mayManageOrganization(ctx.viewer, o) }] : [];
    });
  }
}
