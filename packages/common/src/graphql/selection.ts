import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * Whether the client selected nothing of this field's value but `totalCount` (and `__typename`):
 * `participations { totalCount }` in an export needs the COUNT, not the page of rows beside it.
 * Fragments are followed; a field under `@include`/`@skip` counts as selected (the page is then
 * loaded, which is never wrong, only slower).
 */
export function selectsOnlyTotalCount(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): boolean {
  const onlyCount = (set: SelectionSetNode | undefined, seen: Set<string>): boolean => {
    if (!set) return false;
    return set.selections.every((s) => {
      switch (s.kind) {
        case Kind.FIELD:
          return s.name.value === 'totalCount' || s.name.value === '__typename';
        case Kind.INLINE_FRAGMENT:
          return onlyCount(s.selectionSet, seen);
        case Kind.FRAGMENT_SPREAD: {
          const name = s.name.value;
          if (seen.has(name)) return true;
          seen.add(name);
          return onlyCount(info.fragments[name]?.selectionSet, seen);
        }
      }
    });
  };
  return info.fieldNodes.every((node) => onlyCount(node.selectionSet, new Set()));
}

/**
 * Whether the client selected `name` on this field's value (following fragments; a field under
 * `@include`/`@skip` counts as selected): `memberships { organization { name } }` needs the
 * organizations, `memberships { id }` does not.
 */
export function selectsField(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): boolean {
  const selects = (set: SelectionSetNode | undefined, seen: Set<string>): boolean => {
    if (!set) return false;
    return set.selections.some((s) => {
      switch (s.kind) {
        case Kind.FIELD:
          return s.name.value === name;
        case Kind.INLINE_FRAGMENT:
          return selects(s.selectionSet, seen);
        case Kind.FRAGMENT_SPREAD: {
          if (seen.has(s.name.value)) return false;
          seen.add(s.name.value);
          return selects(info.fragments[s.name.value]?.selectionSet, seen);
        }
      }
    });
  };
  return info.fieldNodes.some((node) => selects(node.selectionSet, new Set()));
}
