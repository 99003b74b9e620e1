import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

type Selection = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/**
 * The names of the fields the client selected on this field's value, fragments followed (a field
 * under `@include`/`@skip` counts as selected: loading what is then skipped is never wrong, only
 * slower). Aliases do not matter: `x: edges` is `edges`.
 */
function selectedNames(info: Selection): ReadonlySet<string> {
  const known = namesByFieldNodes.get(info.fieldNodes);
  if (known) return known;
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) names.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        walk(info.fragments[s.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  namesByFieldNodes.set(info.fieldNodes, names);
  return names;
}

/**
 * The names selected under each field's nodes. The executor hands every row of a list the same
 * `fieldNodes` (nodes of one parsed document, whose fragments they name), so a list of 1,000
 * persons walks `memberships { … }` once, not 1,000 times; the entry goes with the document.
 */
const namesByFieldNodes = new WeakMap<Selection['fieldNodes'], ReadonlySet<string>>();

/**
 * Whether the client selected nothing of this field's value but `totalCount` (and `__typename`):
 * `participations { totalCount }` in an export needs the COUNT, not the page of rows beside it.
 */
export function selectsOnlyTotalCount(info: Selection): boolean {
  const names = selectedNames(info);
  return names.size > 0 && [...names].every((n) => n === 'totalCount' || n === '__typename');
}

/**
 * Whether the client selected `name` on this field's value: `memberships { organization { name } }`
 * needs the organizations, `memberships { id }` does not.
 */
export function selectsField(info: Selection, name: string): boolean {
  return selectedNames(info).has(name);
}
